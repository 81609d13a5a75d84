import type { StorageLike } from '@/lib/scenario/library';

/** A Storage for tests, with a quota to make it refuse writes. */
export class MemoryStorage implements StorageLike {
  items = new Map<string, string>();
  quota = Infinity;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (value.length > this.quota) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}
