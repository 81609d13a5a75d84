/**
 * `npm run bench:steps` — what the chat proxy's own steps cost inside one process, each measured
 * alone: back to back (hot) and right after 20 ms of idling (the state a stream's first token meets,
 * bench:proxy). The steps are the ones a proxy that follows DESIGN.md cannot skip:
 *   - parse the request body (JSON.parse) and validate it (lib/wire/chat.ts `chatRequestSchema`, zod);
 *   - send it with the official openai SDK: `chat.completions.create(…).asResponse()` around a fetch
 *     that answers at once with a ready Response, so only the SDK's own work is timed.
 * An empty async step is timed the same way, as the floor of the method. No network at all.
 * Options: --quick (fewer calls, nothing recorded), --no-record.
 */
import OpenAI from 'openai';
import { benchOptions, fmt, log, median, provenance, recordResults } from './lib/harness.mjs';
import { requireTs } from './lib/ts-require.mjs';
import { weatherRequest } from './lib/workload.mjs';

const { quick, record, command } = benchOptions('bench:steps');
const HOT = { warmup: quick ? 200 : 2_000, calls: quick ? 500 : 5_000 };
const IDLE = { calls: quick ? 30 : 300, gapMs: 20 };

const { chatRequestSchema } = requireTs('lib/wire/chat.ts');
const body = JSON.stringify(weatherRequest({ stream: true }));
const request = JSON.parse(body);

let ready;
const client = new OpenAI({ apiKey: 'sk-bench', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0, fetch: async () => ready });
const answer = () => new Response('data: {}\n\n', { status: 200, headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_1' } });

const steps = {
  'empty async step (the method itself)': { run: async () => {} },
  'parse the body (JSON.parse)': { run: async () => void JSON.parse(body) },
  'validate the body (zod)': {
    run: async () => {
      if (!chatRequestSchema.safeParse(request).success) throw new Error('the bench request no longer validates');
    },
  },
  'openai SDK: create(…).asResponse(), fetch answered at once': {
    before: () => (ready = answer()),
    run: async () => void (await client.chat.completions.create(request, { signal: new AbortController().signal }).asResponse()),
  },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function time(step) {
  step.before?.();
  const t0 = performance.now();
  await step.run();
  return (performance.now() - t0) * 1000;
}

const results = {};
for (const [name, step] of Object.entries(steps)) {
  for (let i = 0; i < HOT.warmup; i++) await time(step);
  const hot = [];
  for (let i = 0; i < HOT.calls; i++) hot.push(await time(step));
  results[name] = { hot: median(hot) };
}
// Idle rounds interleave the steps, so a slow moment of the machine hits them all alike.
const idle = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
for (let i = 0; i < IDLE.calls; i++) {
  for (const [name, step] of Object.entries(steps)) {
    await sleep(IDLE.gapMs);
    idle[name].push(await time(step));
  }
}
for (const name of Object.keys(steps)) results[name].idle = median(idle[name]);

const rows = ['| step | hot (back to back), median | after 20 ms idle, median | idle / hot |', '|---|---|---|---|'];
for (const [name, r] of Object.entries(results)) {
  rows.push(`| ${name} | ${fmt(r.hot, 1)} µs | ${fmt(r.idle, 1)} µs | ${fmt(r.idle / r.hot, 1)}× |`);
  log(`${name}: hot ${fmt(r.hot, 1)} µs, after idle ${fmt(r.idle, 1)} µs`);
}
if (record) {
  recordResults('bench:steps', "The proxy's own steps, in one process (bench/proxy-steps.mjs)", [
    ...provenance(command, [
      `- method: each step timed alone with performance.now(): ${HOT.warmup} warm-up, then ${HOT.calls} back to back (hot); then ${IDLE.calls} rounds, each step after ${IDLE.gapMs} ms of sleep (idle), steps interleaved; medians; the request is bench:proxy's streamed weather request`,
    ], { usesBuild: false }),
    ...rows,
  ]);
  log('recorded in bench/RESULTS.md');
}
