/** Runs once when the server starts: a misconfigured environment stops it with a message naming the variable. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { serverEnv } = await import('./lib/server/env');
  try {
    serverEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    // Next logs a failed hook and keeps listening with a broken server: exit instead.
    process.exit(1);
  }
}
