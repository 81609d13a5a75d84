/**
 * A module loaded with a dynamic import on first use and kept. A failed load (a chunk fetch while the
 * browser was offline for a moment) is forgotten, so that the next use tries again.
 */
export interface LazyModule<T> {
  load(): Promise<T>;
  /** The module once it has loaded, else null: lets callers run synchronously afterwards. */
  loaded(): T | null;
}

export function lazyModule<T>(importModule: () => Promise<T>): LazyModule<T> {
  let loaded: T | null = null;
  let loading: Promise<T> | null = null;
  return {
    load: () =>
      (loading ??= importModule().then(
        (module) => (loaded = module),
        (error: unknown) => {
          loading = null;
          throw error;
        },
      )),
    loaded: () => loaded,
  };
}
