/**
 * Runs once when the server starts: a misconfigured environment stops it with a message naming the
 * variable (Next itself would only log a failed hook and keep serving).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stopOnInvalidEnv } = await import('./lib/server/env');
    stopOnInvalidEnv();
  }
}
