import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cloneScenario, DEFAULT_SCENARIO } from '@/lib/scenario/base';
import { keepWork } from './keep-work';
import { createPlaygroundStore } from './playground-store';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  const store = createPlaygroundStore(cloneScenario(DEFAULT_SCENARIO), {
    lintNow: () => ({ tools: [], problems: [], errorCount: 0 }),
    lint: async () => ({ tools: [], problems: [], errorCount: 0 }),
  });
  const writes: string[] = [];
  const kept = keepWork(store, { write: (state) => writes.push(state.settings.draft), quietMs: 250, maxWaitMs: 1000 });
  return { store, writes, kept };
}

describe('keepWork', () => {
  it('writes a quiet moment after the last change', () => {
    const { store, writes } = setup();
    store.getState().patchSettings({ draft: 'a' });
    store.getState().patchSettings({ draft: 'ab' });
    vi.advanceTimersByTime(249);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['ab']);
  });

  it('writes within a second however busy the store is', () => {
    const { store, writes } = setup();
    for (let i = 0; i < 20; i++) {
      store.getState().patchSettings({ draft: `typing ${i}` });
      vi.advanceTimersByTime(100);
    }
    expect(writes[0]).toBe('typing 9');
    expect(writes.length).toBe(2);
  });

  it('writes at once on flush, and nothing when nothing changed', () => {
    const { store, writes, kept } = setup();
    kept.flush();
    expect(writes).toEqual([]);
    store.getState().patchSettings({ draft: 'leaving' });
    kept.flush();
    expect(writes).toEqual(['leaving']);
    vi.advanceTimersByTime(2000);
    expect(writes).toEqual(['leaving']);
  });

  it('does not count a new lint as a change of the work', () => {
    const { store, writes } = setup();
    store.setState({ tools: { ...store.getState().tools, lint: { tools: [], problems: [], errorCount: 0 } } });
    vi.advanceTimersByTime(2000);
    expect(writes).toEqual([]);
  });

  it('on hold, writes at once and keeps what follows back for a while (a page being unloaded)', () => {
    const { store, writes, kept } = setup();
    store.getState().patchSettings({ draft: 'before unload' });
    kept.hold();
    expect(writes).toEqual(['before unload']);
    store.getState().patchSettings({ draft: 'cut by the unload' });
    vi.advanceTimersByTime(2999);
    expect(writes).toEqual(['before unload']);
    // Still here: the navigation did not happen, so what changed is kept after all.
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['before unload', 'cut by the unload']);
  });
});
