/**
 * Runs once when the server starts: a misconfigured environment stops it with a message naming the
 * variable, and the chat fast path is handed to server.mjs (`npm start`).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stopOnInvalidEnv } = await import('./lib/server/env');
    stopOnInvalidEnv();
    const { offerChatHandler } = await import('./lib/server/node-chat');
    offerChatHandler();
  }
}
