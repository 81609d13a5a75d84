/** Runs once when the server starts: a misconfigured environment stops it with a message naming the variable. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { stopOnInvalidEnv } = await import('./lib/server/env');
  stopOnInvalidEnv();
}
