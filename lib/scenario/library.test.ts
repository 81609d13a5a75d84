import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SCENARIO, type Scenario } from './scenario';
import {
  createScenarioLibrary,
  LIBRARY_BACKUP_KEY,
  LIBRARY_KEY,
  MAX_FILE_CHARS,
  parseScenarioFile,
  scenarioFileName,
  serializeScenarioFile,
  type StorageLike,
} from './library';
import { finishedWeatherScenario, TEMPLATES } from './templates';
import { MemoryStorage } from '@/lib/testing/memory-storage';
import { expectProtoKeysKept, PROTO_KEYS_JSON } from '@/lib/testing/proto-keys';

function setup() {
  const storage = new MemoryStorage();
  let clock = Date.UTC(2025, 0, 1);
  let ids = 0;
  const library = createScenarioLibrary(storage, { now: () => new Date((clock += 1000)), newId: () => `id${++ids}` });
  return { storage, library };
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('scenario library', () => {
  it('starts empty, saves with new ids, lists newest first, opens what was saved', () => {
    const { library } = setup();
    expect(library.list()).toEqual({ entries: [], error: null });
    const first = value(library.save(DEFAULT_SCENARIO));
    const second = value(library.save(finishedWeatherScenario()));
    expect(first.id).toBe('id1');
    expect(second.id).toBe('id2');
    const { entries, error } = library.list();
    expect(error).toBeNull();
    expect(entries.map((e) => [e.id, e.name, e.toolCount, e.messageCount])).toEqual([
      ['id2', 'Weather in three cities', 1, 6],
      ['id1', 'Weather in three cities', 1, 0],
    ]);
    expect(value(library.open('id2')).scenario).toEqual(finishedWeatherScenario());
    expect(library.open('missing')).toEqual({ ok: false, error: 'That saved scenario no longer exists.' });
  });

  it('saving the same scenario twice keeps two entries; update keeps the id', () => {
    const { library } = setup();
    value(library.save(DEFAULT_SCENARIO));
    value(library.save(DEFAULT_SCENARIO));
    expect(library.list().entries).toHaveLength(2);
    value(library.update('id1', { ...DEFAULT_SCENARIO, draft: 'changed' }));
    expect(value(library.open('id1')).scenario.draft).toBe('changed');
    expect(library.list().entries[0].id).toBe('id1');
  });

  it('renames, duplicates and deletes', () => {
    const { library } = setup();
    value(library.save(DEFAULT_SCENARIO));
    expect(value(library.rename('id1', '  Storm check  ')).scenario.name).toBe('Storm check');
    expect(value(library.rename('id1', '   ')).scenario.name).toBe('Untitled scenario');
    value(library.rename('id1', 'Storm check'));
    const copy = value(library.duplicate('id1'));
    expect(copy.id).toBe('id2');
    expect(copy.scenario.name).toBe('Storm check (copy)');
    expect(library.list().entries.map((e) => e.name)).toEqual(['Storm check (copy)', 'Storm check']);
    value(library.delete('id1'));
    expect(library.list().entries.map((e) => e.id)).toEqual(['id2']);
    expect(library.delete('id1')).toEqual({ ok: false, error: 'That saved scenario no longer exists.' });
    expect(library.rename('nope', 'x').ok).toBe(false);
    expect(library.duplicate('nope').ok).toBe(false);
  });

  it('stored scenarios are copies, not references', () => {
    const { library } = setup();
    const scenario: Scenario = finishedWeatherScenario();
    value(library.save(scenario));
    scenario.messages.length = 0;
    expect(value(library.open('id1')).scenario.messages).toHaveLength(6);
  });

  it('reads corrupted storage as an empty library with a message, and backs it up before writing', () => {
    const { storage, library } = setup();
    for (const junk of ['{not json', '42', 'null', '{"version":1,"entries":{}}', '[]']) {
      storage.items.set(LIBRARY_KEY, junk);
      expect(library.list()).toEqual({ entries: [], error: 'The saved scenarios are corrupted and could not be read.' });
    }
    storage.items.set(LIBRARY_KEY, '{broken');
    value(library.save(DEFAULT_SCENARIO));
    expect(storage.items.get(LIBRARY_BACKUP_KEY)).toBe('{broken');
    expect(library.list()).toMatchObject({ entries: [{ id: 'id1' }], error: null });
  });

  it('skips unreadable entries and says how many', () => {
    const { storage, library } = setup();
    value(library.save(DEFAULT_SCENARIO));
    const stored = JSON.parse(storage.items.get(LIBRARY_KEY)!);
    stored.entries.push({ id: 'x', savedAt: 'now', scenario: { tools: 'nope' } }, 'garbage');
    storage.items.set(LIBRARY_KEY, JSON.stringify(stored));
    expect(library.list()).toMatchObject({ entries: [{ id: 'id1' }], error: '2 saved scenarios could not be read and were skipped.' });
  });

  it('refuses to overwrite a library written by a newer version', () => {
    const { storage, library } = setup();
    storage.items.set(LIBRARY_KEY, '{"version":3,"entries":[]}');
    const message = 'The scenario library was made by a newer version of the playground (format 3); this one reads format 2. Open it in an up-to-date playground.';
    expect(library.list()).toEqual({ entries: [], error: message });
    expect(library.save(DEFAULT_SCENARIO)).toEqual({ ok: false, error: message });
    expect(storage.items.get(LIBRARY_KEY)).toBe('{"version":3,"entries":[]}');
  });

  it('opens a library written by format 1, its mocks as fixed results, and writes it back as format 2', () => {
    const { storage, library } = setup();
    const v1 = { version: 1, name: 'Old', mocks: { get_current_weather: '{"t": 1}' } };
    storage.items.set(LIBRARY_KEY, JSON.stringify({ version: 1, entries: [{ id: 'old', savedAt: '2025-01-01T00:00:00.000Z', scenario: v1 }] }));
    expect(value(library.open('old')).scenario).toMatchObject({ version: 2, name: 'Old', mocks: { get_current_weather: { kind: 'fixed', result: '{"t": 1}' } } });
    value(library.save(DEFAULT_SCENARIO));
    const written = JSON.parse(storage.items.get(LIBRARY_KEY)!);
    expect(written.version).toBe(2);
    expect(written.entries.map((entry: { scenario: { version: number } }) => entry.scenario.version)).toEqual([2, 2]);
  });

  it('reports a full or unavailable storage instead of throwing', () => {
    const { storage, library } = setup();
    storage.quota = 10;
    expect(library.save(DEFAULT_SCENARIO)).toEqual({
      ok: false,
      error: "The scenario could not be saved: the browser's storage refused it (QuotaExceededError).",
    });
    const broken: StorageLike = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const unavailable = createScenarioLibrary(broken);
    expect(unavailable.list()).toEqual({ entries: [], error: "The browser's storage cannot be read (SecurityError)." });
    expect(unavailable.save(DEFAULT_SCENARIO).ok).toBe(false);
  });

  it('never throws whatever the storage holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ version: 1, entries: [v] }))), (junk) => {
        const { storage, library } = setup();
        storage.items.set(LIBRARY_KEY, junk);
        expect(Array.isArray(library.list().entries)).toBe(true);
        expect(library.save(DEFAULT_SCENARIO).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('saving over an entry another tab saved', () => {
  it('is refused as a conflict when the entry was saved after the revision the update started from', () => {
    const { library } = setup();
    const first = value(library.save(DEFAULT_SCENARIO));
    // Tab B opened it at first.savedAt and saved; tab A still holds first.savedAt.
    const fromB = value(library.update(first.id, { ...DEFAULT_SCENARIO, name: 'From B' }, first.savedAt));
    expect(fromB.savedAt > first.savedAt).toBe(true);
    const fromA = library.update(first.id, { ...DEFAULT_SCENARIO, name: 'From A' }, first.savedAt);
    expect(fromA).toMatchObject({ ok: false, conflict: { savedAt: fromB.savedAt } });
    expect(value(library.open(first.id)).scenario.name).toBe('From B');
    // Overwriting on purpose: no expected revision.
    expect(value(library.update(first.id, { ...DEFAULT_SCENARIO, name: 'From A' })).scenario.name).toBe('From A');
  });

  it('gives every update a later revision, even within one millisecond', () => {
    const storage = new MemoryStorage();
    const library = createScenarioLibrary(storage, { now: () => new Date(Date.UTC(2025, 0, 1)) });
    const entry = value(library.save(DEFAULT_SCENARIO));
    const again = value(library.update(entry.id, DEFAULT_SCENARIO, entry.savedAt));
    expect(again.savedAt > entry.savedAt).toBe(true);
    expect(library.update(entry.id, DEFAULT_SCENARIO, entry.savedAt)).toMatchObject({ ok: false });
  });
});

describe('scenario files', () => {
  it('round-trips every template through a file', () => {
    for (const { scenario } of [...TEMPLATES, { scenario: finishedWeatherScenario() }]) {
      const text = serializeScenarioFile(scenario);
      expect(text.startsWith('{\n  "version": 2,\n  "name": ')).toBe(true);
      expect(parseScenarioFile(text)).toEqual({ ok: true, value: scenario });
    }
  });

  it('accepts a byte-order mark and a bare Chat Completions request body', () => {
    expect(value(parseScenarioFile(`\uFEFF${serializeScenarioFile(DEFAULT_SCENARIO)}`))).toEqual(DEFAULT_SCENARIO);
    const body = { model: 'gpt-4o', messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'Hi' }], stream: true };
    expect(value(parseScenarioFile(JSON.stringify(body)))).toMatchObject({ model: 'gpt-4o', system: 'S', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('explains what is wrong with a bad file', () => {
    expect(parseScenarioFile('{"name": ')).toMatchObject({ ok: false, error: expect.stringMatching(/^The file is not valid JSON/) });
    expect(parseScenarioFile('{"version": 3}')).toMatchObject({ ok: false, error: expect.stringMatching(/newer version.*format 3/) });
    expect(parseScenarioFile('{"tools": [{"function": {"name": "has space"}}]}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^tools\.0\.function\.name/),
    });
    expect(parseScenarioFile(' '.repeat(MAX_FILE_CHARS + 1))).toEqual({ ok: false, error: 'The file is too large to be a scenario.' });
  });

  it('__proto__ keys in mocks and tool parameters are kept on load: a file, and a stored scenario', () => {
    const imported = value(parseScenarioFile(PROTO_KEYS_JSON));
    expectProtoKeysKept(imported);
    expectProtoKeysKept(value(parseScenarioFile(serializeScenarioFile(imported))));
    const { storage, library } = setup();
    const saved = value(library.save(imported));
    expectProtoKeysKept(value(library.open(saved.id)).scenario);
    // As another tab or an earlier version may have written it.
    storage.setItem(LIBRARY_KEY, `{"version": 1, "entries": [{"id": "hand", "savedAt": "2025-01-01T00:00:00.000Z", "scenario": ${PROTO_KEYS_JSON}}]}`);
    expect(library.list().error).toBeNull();
    expectProtoKeysKept(value(library.open('hand')).scenario);
  });

  it('refuses a file with a mock for a name that is not a function name, saying why', () => {
    expect(parseScenarioFile('{"mocks": {"x\\ntouch $HOME/PWNED\\n#": "{}"}}')).toEqual({
      ok: false,
      error: 'mocks: "x\\ntouch $HOME/PWNED\\n#" is not a function name (1 to 64 letters, digits, _ or -), so it cannot have a mock result.',
    });
  });

  it('names files after the scenario', () => {
    expect(scenarioFileName(DEFAULT_SCENARIO)).toBe('weather-in-three-cities.json');
    expect(scenarioFileName({ ...DEFAULT_SCENARIO, name: 'Café: top/customers — Q3!' })).toBe('cafe-top-customers-q3.json');
    expect(scenarioFileName({ ...DEFAULT_SCENARIO, name: '' })).toBe('scenario.json');
    expect(scenarioFileName({ ...DEFAULT_SCENARIO, name: '🌦️🌦️' })).toBe('scenario.json');
    expect(scenarioFileName({ ...DEFAULT_SCENARIO, name: 'x'.repeat(200) })).toBe(`${'x'.repeat(60)}.json`);
  });
});
