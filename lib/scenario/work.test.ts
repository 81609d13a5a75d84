import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryStorage } from '@/lib/testing/memory-storage';
import { DEFAULT_SCENARIO } from './scenario';
import { finishedWeatherScenario } from './templates';
import { parseWork, readWork, serializeWork, WORK_KEY, writeWork, type StoredWork } from './work';

const SESSION = { savedId: 'e1', savedAt: '2026-01-01T00:00:00.000Z', templateId: null, baseline: 'abc' };
const WORK: StoredWork = { scenario: finishedWeatherScenario(), toolsText: '[ {"half": ', session: SESSION };

function storages() {
  return { tab: new MemoryStorage(), shared: new MemoryStorage() };
}

describe('the work kept across reloads', () => {
  it('round-trips the scenario, the editor text as typed, and where the work came from', () => {
    expect(parseWork(serializeWork(WORK))).toEqual({ kind: 'ok', work: WORK });
  });

  it("is read from the tab's own copy first, then the last copy of any tab", () => {
    const s = storages();
    expect(readWork(s)).toEqual({ kind: 'none' });
    const other = { ...WORK, scenario: { ...DEFAULT_SCENARIO, name: 'Tab B' } };
    s.shared.setItem(WORK_KEY, serializeWork(other));
    expect(readWork(s)).toMatchObject({ kind: 'ok', work: { scenario: { name: 'Tab B' } } });
    s.tab.setItem(WORK_KEY, serializeWork(WORK));
    expect(readWork(s)).toMatchObject({ kind: 'ok', work: { scenario: { name: 'Weather in three cities' } } });
  });

  it('writes both copies, and says so in words when the browser refuses', () => {
    const s = storages();
    expect(writeWork(s, serializeWork(WORK))).toBeNull();
    expect(s.tab.items.get(WORK_KEY)).toBe(s.shared.items.get(WORK_KEY));
    s.shared.quota = 10;
    expect(writeWork(s, serializeWork(WORK))).toBe("Your work could not be kept in the browser's storage (QuotaExceededError).");
  });

  it('takes over what format 1 kept, as unsaved work', () => {
    const s = storages();
    s.shared.setItem('fcp.work-in-progress.v1', JSON.stringify(finishedWeatherScenario()));
    s.shared.setItem('fcp.work-in-progress.extras.v1', JSON.stringify({ scenario: 'x', toolsText: '[]\n', baseline: 'old', savedId: 'e9', templateId: null }));
    expect(readWork(s)).toEqual({
      kind: 'ok',
      work: { scenario: finishedWeatherScenario(), toolsText: '[]\n', session: { savedId: 'e9', savedAt: null, templateId: null, baseline: null } },
    });
  });

  it('reports unreadable work in words, and never throws whatever storage holds', () => {
    expect(parseWork('{"version":2,"scenario":{"tools":3},"toolsText":"","session":{"savedId":null,"savedAt":null,"templateId":null,"baseline":null}}')).toEqual({
      kind: 'error',
      message: 'Your unsaved work could not be restored: tools: Invalid input: expected array, received number',
    });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (junk) => {
        const s = storages();
        s.tab.setItem(WORK_KEY, junk);
        expect(['none', 'ok', 'error']).toContain(readWork(s).kind);
      }),
      { numRuns: 200 },
    );
  });
});
