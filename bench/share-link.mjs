/**
 * `npm run bench:share` — how long share links get (lib/scenario/share-link.ts `shareUrl`, imported as is
 * through bench/lib/ts-require.mjs), for:
 *   - the finished weather loop (lib/scenario/templates.ts `finishedWeatherScenario`: question, three parallel
 *     calls, three results, answer) — budget ≤ 1,500 characters for the whole link;
 *   - a scenario with 10 tools and 20 messages (bench/lib/scenarios.mjs);
 *   - for reference, the default scenario and the long-conversation scenario of bench:conversation.
 * Each link is decoded again (decodeShareHash) and must give back the same scenario. The origin is a
 * typical deployment's (46 characters); the fragment alone is printed too. No network at all.
 * Options: --quick (nothing recorded), --no-record.
 */
import { benchOptions, figure, fmt, log, provenance, recordResults } from './lib/harness.mjs';
import { conversation, scenarioWith } from './lib/scenarios.mjs';
import { requireTs } from './lib/ts-require.mjs';

const { record, command } = benchOptions('bench:share');
const ORIGIN = 'https://function-calling-playground.vercel.app';
const BUDGET = 1_500;

const { shareUrl, decodeShareHash, isShareable, MAX_SHARE_PAYLOAD_CHARS } = requireTs('lib/scenario/share-link.ts');
const { finishedWeatherScenario } = requireTs('lib/scenario/templates.ts');
const { DEFAULT_SCENARIO } = requireTs('lib/scenario/scenario.ts');
const { LIMITS } = requireTs('lib/wire/chat.ts');

/** JSON with keys sorted: the decoder may rebuild objects with their keys in another order. */
const canonical = (value) => JSON.stringify(value, (_key, v) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);

const cases = [
  { name: 'finished weather loop', scenario: finishedWeatherScenario(), budget: BUDGET },
  { name: '10 tools, 20 messages', scenario: scenarioWith({ name: 'Trip planner', messages: conversation({ messages: 20, toolCalls: 8, callTurns: 4 }) }) },
  { name: 'default scenario (nothing sent)', scenario: DEFAULT_SCENARIO },
  {
    name: `long conversation (${LIMITS.maxMessages - 6} messages, 100 calls)`,
    scenario: scenarioWith({ name: 'Long conversation', messages: conversation({ messages: LIMITS.maxMessages - 6, toolCalls: 100, callTurns: 20 }) }),
  },
];

const rows = ['| scenario | messages / tools | link length | fragment | JSON | budget | result |', '|---|---|---|---|---|---|---|'];
console.log(`\nShare links (origin ${ORIGIN}, ${ORIGIN.length} characters)`);
for (const c of cases) {
  const started = performance.now();
  const link = shareUrl(ORIGIN, c.scenario);
  const encodeMs = performance.now() - started;
  const decodeStart = performance.now();
  const back = decodeShareHash(new URL(link).hash);
  const decodeMs = performance.now() - decodeStart;
  if (back.kind !== 'ok' || canonical(back.scenario) !== canonical(c.scenario)) {
    throw new Error(`${c.name}: the link does not decode to the same scenario (${back.kind === 'error' ? back.message : 'differs'})`);
  }
  const fragment = new URL(link).hash.length;
  const json = JSON.stringify(c.scenario).length;
  const ok = c.budget === undefined ? undefined : link.length <= c.budget;
  figure(`${c.name}: link`, `${link.length} chars`, c.budget ? `≤ ${c.budget}` : '—', ok);
  console.log(`    fragment ${fragment} chars, scenario JSON ${json} chars (${fmt(link.length / json, 2)}×), encode ${fmt(encodeMs, 1)} ms, decode ${fmt(decodeMs, 1)} ms, shareable: ${isShareable(c.scenario)}`);
  rows.push(`| ${c.name} | ${c.scenario.messages.length} / ${c.scenario.tools.length} | ${link.length} | ${fragment} | ${json} | ${c.budget ? `≤ ${c.budget}` : '—'} | ${ok === undefined ? '—' : ok ? 'pass' : '**MISS**'} |`);
}

if (record) {
  recordResults('bench:share', 'Share-link length (bench/share-link.mjs)', [
    ...provenance(command, [
      `- method: \`shareUrl('${ORIGIN}', scenario)\` from lib/scenario/share-link.ts (format 1: lz-string of what differs from the default scenario), each link decoded back with decodeShareHash and compared; link length = the whole URL; the fragment (\`#s=1.…\`) does not depend on the origin; links over ${MAX_SHARE_PAYLOAD_CHARS} payload characters are refused by the decoder`,
    ], { usesBuild: false }),
    ...rows,
  ]);
  log('recorded in bench/RESULTS.md');
}
