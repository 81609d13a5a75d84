import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { MODEL_ID_PATTERN } from '@/lib/wire/chat';
import { DEFAULT_SCENARIO, restoreScenario, type Scenario } from './scenario';
import {
  compactScenario,
  decodeShareHash,
  encodeScenario,
  FORMAT_1_BASE,
  FORMAT_2_BASE,
  isShareable,
  LEFT_OUT_OF_LINKS,
  MAX_SHARE_PAYLOAD_CHARS,
  shareUrl,
} from './share-link';
import { finishedWeatherScenario, TEMPLATES } from './templates';
import { inspectorRecord } from '@/lib/testing/inspector-record';
import { expectProtoKeysKept, PROTO_KEYS_JSON } from '@/lib/testing/proto-keys';

const ORIGIN = 'http://localhost:3000';

// Any code point, lone surrogates included: links must carry every string exactly.
const text = fc.string({ unit: 'binary', maxLength: 30 });
const fnName = fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/);
const key = fc.stringMatching(/^[a-z_]{1,8}$/);
const toolCall = fc.record({
  id: fc.stringMatching(/^call_[A-Za-z0-9]{19}$/),
  type: fc.constant('function' as const),
  function: fc.record({ name: fnName, arguments: fc.oneof(text, fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v))) }),
});
const message = fc.oneof(
  fc.record({ role: fc.constant('user' as const), content: text }),
  fc.record({ role: fc.constant('assistant' as const), content: text }),
  fc.record({
    role: fc.constant('assistant' as const),
    content: fc.option(text, { nil: null }),
    tool_calls: fc.array(toolCall, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ role: fc.constant('tool' as const), tool_call_id: text, content: text }),
);
const tool = fc.record({
  type: fc.constant('function' as const),
  function: fc.record(
    {
      name: fnName,
      description: text,
      parameters: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
      strict: fc.option(fc.boolean(), { nil: null }),
    },
    { requiredKeys: ['name'] },
  ),
});
const mock = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), result: text }),
  fc.record({ kind: fc.constant('rules' as const), rules: fc.array(fc.record({ when: text, result: text }), { maxLength: 3 }), default: text }),
  fc.record({ kind: fc.constant('javascript' as const), source: text }),
  fc.constant({ kind: 'ask' as const }),
);
/** Valid scenarios, from the templates' to arbitrary ones. */
const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    name: fc.oneof(fc.constant(FORMAT_2_BASE.name), text),
    model: fc.oneof(fc.constantFrom('offline-simulator', 'gpt-4o', 'openai/gpt-4.1-2025-04-14'), fc.stringMatching(MODEL_ID_PATTERN)),
    system: fc.oneof(fc.constant(FORMAT_2_BASE.system), text),
    tools: fc.oneof(fc.constant(FORMAT_2_BASE.tools), fc.array(tool, { maxLength: 3 })),
    tool_choice: fc.oneof(
      fc.constantFrom('none' as const, 'auto' as const, 'required' as const),
      fc.record({ type: fc.constant('function' as const), function: fc.record({ name: fnName }) }),
    ),
    parallel_tool_calls: fc.boolean(),
    temperature: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: null }),
    max_tokens: fc.option(fc.integer({ min: 1, max: 32_768 }), { nil: null }),
    mocks: fc.oneof(fc.constant(FORMAT_2_BASE.mocks), fc.dictionary(fnName, mock, { maxKeys: 3 })),
    result_schemas: fc.dictionary(fnName, text, { maxKeys: 2 }),
    messages: fc.array(message, { maxLength: 6 }),
    draft: fc.oneof(fc.constant(FORMAT_2_BASE.draft), text),
  })
  .map((raw) => {
    const result = restoreScenario(raw);
    if (!result.ok) throw new Error(result.error);
    return result.scenario;
  });

function decodeOk(hash: string): Scenario {
  const result = decodeShareHash(hash);
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.scenario;
}

function decodeError(hash: string): string {
  const result = decodeShareHash(hash);
  if (result.kind !== 'error') throw new Error(`expected an error, got ${result.kind}`);
  return result.message;
}

/**
 * A link payload that unpacks to `a` repeated about `size` times: a run of LZW codes each naming the
 * entry being defined, which grows by one every time. Written directly, since lz-string takes seconds to
 * compress megabytes.
 */
function lzBomb(size: number): string {
  const bits: number[] = [];
  const put = (value: number, width: number) => {
    for (let k = 0; k < width; k++) bits.push((value >> k) & 1);
  };
  put(0, 2);
  put('a'.charCodeAt(0), 8);
  let [dictSize, numBits, enlargeIn, length] = [4, 3, 4, 1];
  for (let entry = 2; length < size; entry++, length += entry - 1) {
    put(dictSize++, numBits);
    if (--enlargeIn === 0) [enlargeIn, numBits] = [2 ** numBits, numBits + 1];
  }
  put(2, numBits);
  while (bits.length % 6) bits.push(0);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '';
  for (let i = 0; i < bits.length; i += 6) out += alphabet[bits.slice(i, i + 6).reduce((v, bit) => v * 2 + bit, 0)];
  return `${out}A`;
}

const link = (payload: unknown) => `#s=1.${compressToEncodedURIComponent(JSON.stringify(payload))}`;

describe('encodeScenario / decodeShareHash', () => {
  it('round-trips every valid scenario exactly', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const hash = encodeScenario(scenario);
        expect(hash).toMatch(/^s=2\.[A-Za-z0-9+$-]+$/);
        // JSON is the reference: it is what the link carries (-0 becomes 0, undefined fields vanish).
        expect(decodeOk(`#${hash}`)).toEqual(JSON.parse(JSON.stringify(scenario)));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips the templates and the finished weather loop', () => {
    for (const scenario of [...TEMPLATES.map((t) => t.scenario), finishedWeatherScenario()]) {
      expect(decodeOk(new URL(shareUrl(ORIGIN, scenario)).hash)).toEqual(scenario);
    }
  });

  it('stores only what differs from the default scenario', () => {
    expect(compactScenario(DEFAULT_SCENARIO)).toEqual({});
    expect(encodeScenario(DEFAULT_SCENARIO)).toBe('s=2.N4XyA');
    const changed = { ...DEFAULT_SCENARIO, temperature: 0.3, tools: [], mocks: {} };
    expect(compactScenario(changed)).toEqual({ tools: [], temperature: 0.3, mocks: {} });
    const compact = compactScenario(finishedWeatherScenario());
    expect(Object.keys(compact)).toEqual(['messages', 'draft']);
    expect(JSON.stringify(compact)).not.toContain('"type":"function"');
    expect(JSON.stringify(compact)).not.toContain('"content":null');
  });

  it("carries typed results but leaves out the inspector's records", () => {
    const scenario = finishedWeatherScenario();
    scenario.results = { call_pending: '{"temperature": 5}' };
    scenario.inspector = [inspectorRecord({ raw: 'x'.repeat(5000), raw_chars: 5000 })];
    const decoded = decodeOk(`#${encodeScenario(scenario)}`);
    expect(decoded).toEqual({ ...scenario, inspector: [] });
    expect(encodeScenario(scenario)).toBe(encodeScenario({ ...scenario, inspector: [] }));
    expect(LEFT_OUT_OF_LINKS).toEqual(['inspector']);
  });

  it('keeps the finished weather loop link under 1,500 characters', () => {
    const url = shareUrl(ORIGIN, finishedWeatherScenario());
    console.log(`share URL for the finished weather loop: ${url.length} characters`);
    expect(url.length).toBeLessThan(1500);
    expect(url.startsWith(`${ORIGIN}/#s=2.`)).toBe(true);
    expect(shareUrl(`${ORIGIN}/`, DEFAULT_SCENARIO)).toBe(`${ORIGIN}/#s=2.N4XyA`);
  });

  it('format 1 never changes: its base and a link made today decode the same forever', () => {
    // If this fails, FORMAT_1_BASE was edited: restore it, and put a new base in a new format instead.
    expect(createHash('sha256').update(JSON.stringify(FORMAT_1_BASE)).digest('hex')).toBe(
      'd4ff57fdb6922941c2e068fe01df5feef4bdde829052ab4746fb7ecca5510535',
    );
    const golden =
      '#s=1.N4IgdghgtgpiBcIDiB7ANgExmABGglmANYgA0IUKWaCIA5gA4AuAtACwpkgDOAnt0xhRaAIRg4ARgCd8MAGYA6LkxTpuCANqg5AVzABjJvhRgEoSLFoNCdLgwhToMQVPXxQTXgziIUEgFYwhnZSKN5SRjBuwAC+cTEAuuT2jmhoMGgA+iromfoQaW5yBdww5IJQ4RBMOlI+AAwKAKzklPpE0SDWYLaIwAA6XSZ0g-A4TFI6MDEgMa1R3BB0UZqgoem0OqVSXPomgmBMtAAKNgD8s6Rr6D4gENzc+AIQh8qqWfmFqyD4GLSfWQAjFxdAYjCYzOAnFYbFwHHQdLBDm4QLFZok5tcNogcjRyHtDtgjn1BgxhqNxpNpm9cgDMr9-gUgbMkiAMI45MSQLMgA';
    expect(decodeOk(golden)).toEqual({
      // Read as format 2: its mocks, text in format 1, are fixed results.
      version: 2,
      name: 'Golden link',
      model: 'gpt-4o',
      system: 'Be brief.',
      tools: [{ type: 'function', function: { name: 'ping', parameters: { type: 'object', properties: {} } } }],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      temperature: 0.5,
      max_tokens: null,
      mocks: { ping: { kind: 'fixed', result: '{"pong": true}' } },
      result_schemas: {},
      messages: [
        { role: 'user', content: 'Ping?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'ping', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"pong": true}' },
      ],
      draft: '',
      // Added to the scenario later: empty in every link made before.
      results: {},
      inspector: [],
    });
  });

  it('format 2 never changes either; a format-1 link still means what it meant (the old default, its one fixed mock)', () => {
    // If this fails, FORMAT_2_BASE was edited: restore it, and put a new base in a new format instead.
    expect(createHash('sha256').update(JSON.stringify(FORMAT_2_BASE)).digest('hex')).toBe(
      'edd950ce5750cc6b04def34cbe28c2f4ef71161d87024b6d1a0bd3802edde332',
    );
    const old = decodeOk(link({}));
    expect(old.mocks).toEqual({ get_current_weather: { kind: 'fixed', result: FORMAT_1_BASE.mocks.get_current_weather } });
    expect(old).toEqual({ ...DEFAULT_SCENARIO, mocks: old.mocks });
    expect(decodeOk(`#${encodeScenario(old)}`)).toEqual(old);
    expect(decodeOk('#s=2.N4XyA')).toEqual(DEFAULT_SCENARIO);
  });

  it('finds the link in any fragment shape, and survives apps that re-encode it', () => {
    const hash = encodeScenario(finishedWeatherScenario());
    const expected = finishedWeatherScenario();
    for (const input of [`#${hash}`, hash, `${ORIGIN}/#${hash}`, `#theme=dark&${hash}`, `#${hash}&x=1`]) {
      expect(decodeOk(input)).toEqual(expected);
    }
    expect(decodeOk(`#s=${encodeURIComponent(hash.slice(2))}`)).toEqual(expected);
    expect(decodeOk(`#${hash.replace(/\+/g, ' ')}`)).toEqual(expected);
  });

  it('reports no scenario when the fragment has none', () => {
    for (const input of ['', '#', '#theme=dark', 'http://localhost:3000/', '#ss=1.abc']) {
      expect(decodeShareHash(input)).toEqual({ kind: 'none' });
    }
  });
});

describe('decodeShareHash errors are messages for a person', () => {
  it('malformed', () => {
    for (const input of ['#s=', '#s=abc', '#s=1.', '#s=1.abc!def', '#s=.abc', '#s=1x.abc', '#s=%E0%A4%A']) {
      expect(decodeError(input)).toMatch(/^This link is malformed: .*#s=1\.N4Ig/);
    }
  });

  it('cut off or damaged', () => {
    const hash = `#${encodeScenario(finishedWeatherScenario())}`;
    expect(decodeError(hash.slice(0, hash.length - 40))).toMatch(/incomplete or damaged.*cut off/);
    expect(decodeError(link('not an object').replace(/.$/, ''))).toMatch(/incomplete or damaged/);
    expect(decodeError(`#s=1.${compressToEncodedURIComponent('{"name": "x"')}`)).toMatch(/incomplete or damaged/);
    expect(decodeError(link([1, 2]))).toMatch(/incomplete or damaged/);
  });

  it('from a newer version', () => {
    expect(decodeError('#s=3.N4IgdghgtgpiBcIDiB7A')).toBe(
      'This link was made by a newer version of the playground (format 3); this one reads format 2. ' +
        'Open it in an up-to-date playground. Nothing you had open was changed.',
    );
    expect(decodeError('#s=0.N4Ig')).toBe('This link uses an unknown format (0), so it cannot be opened.');
  });

  it('invalid content, naming the field', () => {
    expect(decodeError(link({ tools: [{ function: { name: 'bad name' } }] }))).toMatch(
      /^This link's scenario is not valid: tools\.0\.function\.name: must match/,
    );
    expect(decodeError(link({ messages: [{ role: 'user' }] }))).toMatch(/^This link's scenario is not valid: messages\.0\.content/);
    expect(decodeError(link({ temperature: 'hot' }))).toMatch(/temperature/);
  });

  it('too long or too large', () => {
    expect(decodeError(`#s=1.${'A'.repeat(MAX_SHARE_PAYLOAD_CHARS + 1)}`)).toMatch(/too long/);
    // A few kilobytes of link that unpack to megabytes are refused before JSON.parse.
    const bomb = lzBomb(3_000_000);
    expect(decompressFromEncodedURIComponent(bomb)).toMatch(/^a{3000000,}$/);
    expect(bomb.length).toBeLessThan(MAX_SHARE_PAYLOAD_CHARS);
    expect(decodeError(`#s=1.${bomb}`)).toMatch(/too large/);
    // The biggest bomb a payload of MAX_SHARE_PAYLOAD_CHARS can carry unpacks to ~110 million characters.
    expect(decodeError(`#s=1.${lzBomb(110_000_000)}`)).toMatch(/too large: it unpacks to 110,\d{3},\d{3} characters/);
    expect(isShareable(finishedWeatherScenario())).toBe(true);
    expect(isShareable({ ...DEFAULT_SCENARIO, system: Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(i + 256)).join('') })).toBe(false);
  });

  it('ignores a version inside the payload: the prefix decides', () => {
    expect(decodeOk(link({ version: 7, name: 'x' })).name).toBe('x');
  });
});

describe('names, and keys named __proto__, in links', () => {
  it('command injection through the exported curl script: the link whose mock is named "x\\ntouch $HOME/PWNED\\n#" is refused, saying why', () => {
    expect(decodeError(link({ mocks: { 'x\ntouch $HOME/PWNED\n#': '{}' } }))).toBe(
      'This link\'s scenario is not valid: mocks: "x\\ntouch $HOME/PWNED\\n#" is not a function name (1 to 64 letters, digits, _ or -), so it cannot have a mock result.',
    );
  });

  it('__proto__ keys in mocks and tool parameters are kept on load: a link, and the link made from it', () => {
    const opened = decodeOk(`#s=2.${compressToEncodedURIComponent(PROTO_KEYS_JSON)}`);
    expectProtoKeysKept(opened);
    expectProtoKeysKept(decodeOk(encodeScenario(opened)));
  });
});

describe('decodeShareHash never throws', () => {
  const outcome = (hash: string) => {
    const result = decodeShareHash(hash);
    expect(['none', 'ok', 'error']).toContain(result.kind);
    if (result.kind === 'error') expect(result.message.length).toBeGreaterThan(20);
    return result;
  };

  it('on arbitrary strings, with or without the prefix', () => {
    const alphabet = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$'.split(''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'binary' }).map((s) => `#s=${s}`),
          fc.string({ unit: alphabet, maxLength: 400 }).map((s) => `#s=1.${s}`),
          fc.string({ unit: alphabet, maxLength: 400 }).map((s) => `#s=1.N4Ig${s}`),
        ),
        (hash) => void outcome(hash),
      ),
      { numRuns: 2000 },
    );
  });

  it('on every truncation of valid links', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.nat(), (scenario, cut) => {
        const hash = `#${encodeScenario(scenario)}`;
        const result = outcome(hash.slice(0, cut % hash.length));
        // A cut that only drops padding may still decode; then it must be the same scenario.
        if (result.kind === 'ok') expect(result.scenario).toEqual(JSON.parse(JSON.stringify(scenario)));
      }),
      { numRuns: 300 },
    );
    const hash = `#${encodeScenario(finishedWeatherScenario())}`;
    for (let length = 0; length < hash.length; length++) outcome(hash.slice(0, length));
  });

  it('on random character flips in valid links', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$%# &=.';
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: alphabet.length - 1 })), { minLength: 1, maxLength: 4 }),
        (scenario, flips) => {
          const chars = [...`#${encodeScenario(scenario)}`];
          for (const [at, to] of flips) chars[at % chars.length] = alphabet[to];
          const result = outcome(chars.join(''));
          if (result.kind === 'ok') expect(restoreScenario(result.scenario).ok).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
