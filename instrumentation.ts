/**
 * Runs once when the server starts: a misconfigured environment stops it with a message naming the
 * variable (Next itself would only log a failed hook and keep serving); then every request is stamped
 * with its socket's address, which route handlers cannot see otherwise (lib/server/client-address).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stopOnInvalidEnv } = await import('./lib/server/env');
    stopOnInvalidEnv();
    const { watchPeerAddresses } = await import('./lib/server/client-address');
    watchPeerAddresses();
  }
}
