import 'server-only';
import { serverEnv } from '../env';
import type { LimitStore } from './limit-store';
import { MemoryLimitStore } from './memory-store';
import { openRedisLimitStore, type RedisLimitStore } from './redis-store';

/**
 * One store per process, on globalThis: the same for every route bundle (and across dev reloads), so
 * one Redis connection, or one set of memory tables and one session secret.
 */
const STATE = Symbol.for('function-calling-playground/limit-store');
interface Chosen {
  url: string | undefined;
  store: LimitStore | RedisLimitStore;
}
const state = globalThis as { [STATE]?: Chosen };

/** The process's limit store: Redis when REDIS_URL is set, else memory. */
export function limitStore(): LimitStore {
  const url = serverEnv().REDIS_URL;
  const chosen = state[STATE];
  if (chosen && chosen.url === url) return chosen.store;
  if (chosen) close(chosen);
  const store = url ? openRedisLimitStore(url) : new MemoryLimitStore();
  state[STATE] = { url, store };
  return store;
}

function close({ store }: Chosen): void {
  if ('close' in store) store.close();
}

/** Tests start each case with empty tables and a new secret (memory), or a new connection (Redis). */
export function resetLimitStoreForTests(): void {
  const chosen = state[STATE];
  if (chosen) close(chosen);
  delete state[STATE];
}
