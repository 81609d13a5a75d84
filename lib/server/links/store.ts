import 'server-only';
import { serverEnv } from '../env';
import type { LinkStore } from './link-store';
import { openPostgresLinkStore } from './postgres-store';
import { openSqliteLinkStore } from './sqlite-store';

/**
 * One link store per process, on globalThis: each route bundle has its own instance of this module,
 * and they must share one SQLite handle or one PostgreSQL pool. A failed open is forgotten, so the
 * next call tries again (storage that comes up later is used then, and /api/ready reports meanwhile).
 */
const STORE = Symbol.for('function-calling-playground/link-store');

type Holder = { [STORE]?: Promise<LinkStore> };

/** The process's link store: PostgreSQL when DATABASE_URL is set, else SQLite in PLAYGROUND_DATA_DIR; migrations applied on first open. */
export function linkStore(): Promise<LinkStore> {
  const holder = globalThis as Holder;
  const existing = holder[STORE];
  if (existing) return existing;
  const env = serverEnv();
  const opening = env.DATABASE_URL ? openPostgresLinkStore(env.DATABASE_URL) : openSqliteLinkStore(env.PLAYGROUND_DATA_DIR);
  holder[STORE] = opening;
  opening.catch(() => {
    if (holder[STORE] === opening) delete holder[STORE];
  });
  return opening;
}

/** Tests: closes the store and forgets it, so the next `linkStore()` opens what the environment says then. */
export async function closeLinkStoreForTests(): Promise<void> {
  const holder = globalThis as Holder;
  const opening = holder[STORE];
  delete holder[STORE];
  const store = await opening?.catch(() => undefined);
  await store?.close();
}

/**
 * At start (instrumentation.ts): opens the store, so migrations run before the first request, and
 * stops the process when it cannot (Next would only log a failed hook and keep serving).
 */
export async function openLinkStoreOrStop(): Promise<void> {
  try {
    await linkStore();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
