/**
 * The cap on what a share link may unpack to (MAX_LINK_JSON_CHARS), issue "Security, round two",
 * finding 8: a 2.2 KB link whose system prompt unpacked to 900 KB froze the visitor's tab. The cap
 * refuses such links with a message that says the numbers, and leaves room for every real scenario.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Tool } from '@/lib/wire/chat';
import { LIMITS } from '@/lib/wire/chat-constants';
import { sharedAvailable, sharedPath } from '@/lib/testing/shared';
import { DEFAULT_SCENARIO, restoreScenario, type Scenario } from './scenario';
import { compactScenario, decodeShareHash, isShareable, linkTooLarge, MAX_LINK_JSON_CHARS, MAX_SHARE_PAYLOAD_CHARS, shareUrl } from './share-link';
import { finishedWeatherScenario, TEMPLATES } from './templates';

const unpacked = (scenario: Scenario) => JSON.stringify(compactScenario(scenario)).length;

function restored(change: Partial<Scenario>): Scenario {
  const result = restoreScenario({ ...structuredClone(DEFAULT_SCENARIO), ...change });
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
}

/** BFCL's dialect of JSON Schema in OpenAI's: `dict` is `object`, `float` `number`, `tuple` `array`; dots in names become `_`. */
function bfclTools(count: number): Tool[] {
  const openAiSchema = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(openAiSchema);
    if (typeof value !== 'object' || value === null) return value;
    const renamed: Record<string, string> = { dict: 'object', float: 'number', tuple: 'array', any: 'string' };
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'optional')
        .map(([key, inner]) => [key, key === 'type' && typeof inner === 'string' ? (renamed[inner] ?? inner) : openAiSchema(inner)]),
    );
  };
  const tools = new Map<string, Tool>();
  for (const file of ['BFCL_v4_multiple.json', 'BFCL_v4_parallel_multiple.json', 'BFCL_v4_simple_python.json']) {
    for (const line of readFileSync(sharedPath('corpus', 'bfcl', file), 'utf8').split('\n').filter(Boolean)) {
      for (const fn of JSON.parse(line).function as Array<{ name: string; description: string; parameters: Record<string, unknown> }>) {
        const name = fn.name.replace(/\./g, '_');
        if (!tools.has(name) && /^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
          tools.set(name, { type: 'function', function: { name, description: fn.description, parameters: openAiSchema(fn.parameters) as Record<string, unknown> } });
        }
      }
    }
  }
  return [...tools.values()].slice(0, count);
}

/** `turns` function-calling turns: a question, two parallel calls, their results, the answer. */
function longConversation(turns: number): ChatMessage[] {
  const cities = ['Oslo', 'Lima', 'Kyoto', 'Accra', 'Quito', 'Perth', 'Tromsø', 'Austin'];
  return Array.from({ length: turns }, (_, t): ChatMessage[] => {
    const [a, b] = [cities[t % 8], cities[(t * 3 + 1) % 8]];
    const ids = [`call_${t}a${(t * 7919) % 10007}`, `call_${t}b${(t * 104729) % 10007}`];
    const results = [a, b].map((city, i) => JSON.stringify({ location: city, temperature: (t * 13 + i * 7) % 35, unit: 'celsius', description: ['Sunny', 'Rain', 'Fog', 'Snow'][(t + i) % 4] }));
    return [
      { role: 'user', content: `Turn ${t + 1}: compare the weather in ${a} and ${b} for a trip on day ${(t * 17) % 28 + 1}.` },
      { role: 'assistant', content: null, tool_calls: [a, b].map((city, i) => ({ id: ids[i], type: 'function' as const, function: { name: 'get_current_weather', arguments: JSON.stringify({ location: city, unit: 'celsius' }) } })) },
      ...results.map((content, i): ChatMessage => ({ role: 'tool', tool_call_id: ids[i], content })),
      { role: 'assistant', content: `In ${a} it is ${results[0].match(/"temperature":(\d+)/)?.[1]} °C, in ${b} ${results[1].match(/"temperature":(\d+)/)?.[1]} °C (turn ${t + 1}).` },
    ];
  }).flat();
}

describe('what a share link may unpack to (MAX_LINK_JSON_CHARS)', () => {
  it('a 2.2 KB link whose system prompt inflates to 900 KB is refused, saying both numbers and what to do', () => {
    const link = shareUrl('', { ...DEFAULT_SCENARIO, system: 'a'.repeat(900_000) });
    expect(link.length).toBeLessThan(2_300);
    const result = decodeShareHash(link);
    expect(result).toEqual({
      kind: 'error',
      message:
        'This link holds a scenario that is too large: it unpacks to 900,013 characters; a link may hold at most 256,000. ' +
        'Ask for the scenario as an exported .json file instead (Library → Import).',
    });
  });

  it('opens a link that unpacks to just the cap, and refuses one character more', () => {
    const system = (n: number) => 'a'.repeat(n - unpacked({ ...DEFAULT_SCENARIO, system: '' }));
    const atCap = { ...DEFAULT_SCENARIO, system: system(MAX_LINK_JSON_CHARS) };
    expect(unpacked(atCap)).toBe(MAX_LINK_JSON_CHARS);
    expect(decodeShareHash(shareUrl('', atCap)).kind).toBe('ok');
    expect(isShareable(atCap)).toBe(true);
    const over = { ...DEFAULT_SCENARIO, system: system(MAX_LINK_JSON_CHARS + 1) };
    expect(decodeShareHash(shareUrl('', over))).toMatchObject({ kind: 'error', message: expect.stringMatching(/unpacks to 256,001 characters/) });
    // Share refuses it up front, so the page never hands out a link it would not open.
    expect(linkTooLarge(over)).toEqual({ what: 'unpacked', chars: MAX_LINK_JSON_CHARS + 1, max: MAX_LINK_JSON_CHARS });
    expect(isShareable(over)).toBe(false);
  });

  it('a link too long to open says so by its own length first', () => {
    const distinct = Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(i + 256)).join('');
    expect(linkTooLarge({ ...DEFAULT_SCENARIO, system: distinct })).toMatchObject({ what: 'link', max: MAX_SHARE_PAYLOAD_CHARS });
  });

  it('leaves room for every template and for long conversations', () => {
    for (const { scenario } of TEMPLATES) expect(unpacked(scenario)).toBeLessThan(2_000);
    expect(unpacked(finishedWeatherScenario())).toBeLessThan(2_000);
    // 160 turns: 960 messages, 320 tool calls, a link of almost MAX_SHARE_PAYLOAD_CHARS.
    const conversation = restored({ messages: longConversation(160) });
    expect(isShareable(conversation)).toBe(true);
    const payload = shareUrl('', conversation).split('.').pop()!.length;
    expect(payload).toBeGreaterThan(MAX_SHARE_PAYLOAD_CHARS * 0.8);
    // What a payload at the length cap holds of such content (~148,000), with room to spare.
    expect(unpacked(conversation) * (MAX_SHARE_PAYLOAD_CHARS / payload)).toBeLessThan(MAX_LINK_JSON_CHARS * 0.6);
  });

  it.skipIf(!sharedAvailable())('leaves room for a 100-tool BFCL set and for the most tools a scenario holds', () => {
    const hundred = restored({ tools: bfclTools(100) });
    expect(hundred.tools).toHaveLength(100);
    expect(unpacked(hundred)).toBeLessThan(MAX_LINK_JSON_CHARS / 4);
    expect(decodeShareHash(shareUrl('', hundred))).toEqual({ kind: 'ok', scenario: hundred });
    const most = restored({ tools: bfclTools(LIMITS.maxTools) });
    expect(most.tools).toHaveLength(LIMITS.maxTools);
    expect(unpacked(most)).toBeLessThan(MAX_LINK_JSON_CHARS / 3);
    expect(isShareable(most)).toBe(true);
  });
});
