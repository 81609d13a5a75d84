/**
 * Runs once when the server starts: a misconfigured environment stops it with a message naming the
 * variable (Next itself would only log a failed hook and keep serving); then every request is stamped
 * with its socket's address, which route handlers cannot see otherwise (lib/server/client-address);
 * then the short-link store is opened, so its migrations run now and a storage that cannot be opened
 * stops the start with a message saying which and why (lib/server/links/store).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stopOnInvalidEnv } = await import('./lib/server/env');
    stopOnInvalidEnv();
    const { watchPeerAddresses } = await import('./lib/server/client-address');
    watchPeerAddresses();
    const { openLinkStoreOrStop } = await import('./lib/server/links/store');
    await openLinkStoreOrStop();
  }
}
