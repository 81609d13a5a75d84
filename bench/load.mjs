/**
 * `npm run bench:load` — 200 concurrent streamed chats through the built app (`next start`, what
 * `npm start` runs, of .next-bench) against the scripted test upstream on loopback, for a fixed number of rounds.
 *
 * Each round scripts 200 streams of 200 chunks, 5 ms apart, each carrying its own numbered text, and
 * opens 200 chats at once, so all of them are open together for about a second. Passes when: no
 * request fails, every stream ends with `[DONE]`, every text arrives whole and each numbered text
 * exactly once (nothing lost, duplicated or mixed between streams); and the RSS of the server
 * process (/proc/<pid>/status) and its V8 heap come back near their baselines after a short idle and a
 * full GC (forced through the inspector, which the server runs with on 127.0.0.1).
 *
 * Bounded: ROUNDS × 200 streams, a 30 s limit per stream, a 240 s limit overall; loopback only.
 * Options: --quick (1 round, nothing recorded), --no-record. Run with --experimental-websocket (Node 20).
 */
import {
  benchOptions, cleanup, figure, fmt, inspectorSession, keepAliveAgent, log, onCleanup, post, provenance, recordResults, rssBytes, startApp,
  startUpstream, withDeadline,
} from './lib/harness.mjs';
import { streamChunks, splitWords } from '../e2e/upstream/protocol.mjs';
import { CHAT_PATH, readStreamBody } from './lib/workload.mjs';

const { quick, record, command } = benchOptions('bench:load');
const CONCURRENCY = 200;
const ROUNDS = quick ? 1 : 3;
const PACE_MS = 5;
const WORDS = 198; // + role chunk + finish chunk = 200 chunks
/** RSS after the idle may exceed the baseline by at most this much (V8 keeps some heap it grew into). */
const RSS_BUDGET_RATIO = 1.25;
const IDLE_MS = 5_000;
/** The V8 heap after GC may exceed its baseline by at most this much. */
const HEAP_BUDGET_RATIO = 1.1;

const stopDeadline = withDeadline(240_000, 'bench:load');
const MiB = 2 ** 20;

/** The text of stream `k` of a round: numbered, so the client can tell which one it got. */
const textOf = (round, k) => `r${round}s${k}:${Array.from({ length: WORDS - 1 }, (_, i) => ` w${i}`).join('')}`;

function step(round, k) {
  const chunks = streamChunks({
    id: `chatcmpl-load-${round}-${k}`, model: 'gpt-4o-2024-08-06', created: 1_727_000_000, content: textOf(round, k), calls: [],
    finishReason: 'stop', splitContent: splitWords,
  });
  return { kind: 'stream', chunks, delayMs: PACE_MS };
}

/** Null when the body is a whole stream of one numbered text, else what is wrong; plus the text. */
function readStream(body) {
  const { problem, content } = readStreamBody(body);
  if (problem) return { problem, content };
  const match = /^r(\d+)s(\d+):/.exec(content);
  if (!match) return { problem: `unrecognised text "${content.slice(0, 40)}"`, content };
  if (content !== textOf(Number(match[1]), Number(match[2]))) return { problem: `text of ${match[0]} not intact`, content };
  return { problem: null, content, id: match[0] };
}

const upstream = await startUpstream();
onCleanup(() => upstream.close());
// The inspector (loopback, random port) lets the benchmark force a full GC and read the heap.
const app = await startApp({ upstreamUrl: upstream.url, nodeArgs: ['--inspect=127.0.0.1:0'] });
onCleanup(() => app.stop());
const pid = app.serverPid;
const inspector = await inspectorSession(app.output);
onCleanup(async () => inspector.close());
/** RSS and V8 heap after a forced full GC and a short pause. */
async function settled(pauseMs = 2_000) {
  await inspector.gc();
  await sleep(pauseMs);
  const heap = await inspector.evaluate('process.memoryUsage().heapUsed');
  return { rss: rssBytes(pid), heap };
}
log(`app ${app.url}, server pid ${pid}`);
const url = `${app.url}${CHAT_PATH}`;
const agent = keepAliveAgent(CONCURRENCY);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const request = (k) =>
  JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `load test chat ${k}` }] });

// Baseline: the server warmed up (routes loaded, code optimised) by a few streams, then idle.
await upstream.script([{ ...step(0, 0), delayMs: 0, repeat: -1 }]);
for (let i = 0; i < 40; i++) await post(url, request(i), { agent });
await upstream.reset();
await sleep(3_000);
const baseline = await settled();
log(`baseline RSS ${fmt(baseline.rss / MiB, 1)} MiB, heap ${fmt(baseline.heap / MiB, 1)} MiB`);

let peak = baseline.rss;
const sampler = setInterval(() => {
  try {
    peak = Math.max(peak, rssBytes(pid));
  } catch {
    // process gone: the run fails below
  }
}, 100);

const failures = [];
let completed = 0;
const seen = new Set();
const roundTimes = [];
const perRound = [];
for (let round = 1; round <= ROUNDS; round++) {
  await upstream.script(Array.from({ length: CONCURRENCY }, (_, k) => step(round, k)));
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: CONCURRENCY }, (_, k) => post(url, request(k), { agent, timeoutMs: 30_000 })),
  );
  roundTimes.push(performance.now() - started);
  for (const result of results) {
    if (result.status === 'rejected') {
      failures.push(`request failed: ${result.reason?.message ?? result.reason}`);
      continue;
    }
    if (result.value.status !== 200) {
      failures.push(`HTTP ${result.value.status}: ${result.value.text.slice(0, 200)}`);
      continue;
    }
    const read = readStream(result.value.text);
    if (read.problem) failures.push(read.problem);
    else if (seen.has(read.id)) failures.push(`text ${read.id} arrived twice`);
    else {
      seen.add(read.id);
      completed += 1;
    }
  }
  const mem = await settled(1_000);
  perRound.push(mem);
  log(`round ${round}: ${CONCURRENCY} streams in ${fmt(roundTimes.at(-1) / 1000, 2)} s, ${failures.length} failures so far; ` +
    `after GC RSS ${fmt(mem.rss / MiB, 1)} MiB, heap ${fmt(mem.heap / MiB, 1)} MiB`);
}
clearInterval(sampler);

// Short idle, then a full GC: what the load left behind.
agent.destroy();
await sleep(IDLE_MS);
const after = await settled();
const total = CONCURRENCY * ROUNDS;
await cleanup();
stopDeadline();

console.log(`\nLoad (${command}): ${ROUNDS} rounds × ${CONCURRENCY} concurrent streamed chats, 200 chunks each, ${PACE_MS} ms apart`);
const rows = ['| figure | value | budget | result |', '|---|---|---|---|'];
rows.push(figure('streams completed intact', `${completed} / ${total}`, `${total} / ${total}`, completed === total));
rows.push(figure('errors (failed, cut, mixed or duplicated)', String(failures.length), '0', failures.length === 0));
rows.push(figure('round time (200 concurrent), median', `${fmt([...roundTimes].sort((a, b) => a - b)[Math.floor(roundTimes.length / 2)] / 1000, 2)} s`, '—'));
rows.push(figure('server RSS baseline (warm, idle, after GC)', `${fmt(baseline.rss / MiB, 1)} MiB`, '—'));
rows.push(figure('server RSS peak during load', `${fmt(peak / MiB, 1)} MiB`, '—'));
rows.push(figure('server RSS after each round (GC)', perRound.map((m) => fmt(m.rss / MiB, 1)).join(' / ') + ' MiB', '—'));
rows.push(figure(`server RSS after ${IDLE_MS / 1000} s idle + GC`, `${fmt(after.rss / MiB, 1)} MiB`, `≤ ${fmt((baseline.rss * RSS_BUDGET_RATIO) / MiB, 1)} MiB`, after.rss <= baseline.rss * RSS_BUDGET_RATIO));
rows.push(figure('RSS after / baseline', fmt(after.rss / baseline.rss, 3), `≤ ${RSS_BUDGET_RATIO}`, after.rss <= baseline.rss * RSS_BUDGET_RATIO));
rows.push(figure('V8 heap used: baseline → after each round → after', `${fmt(baseline.heap / MiB, 1)} → ${perRound.map((m) => fmt(m.heap / MiB, 1)).join(' / ')} → ${fmt(after.heap / MiB, 1)} MiB`, '—'));
rows.push(figure('heap after / baseline', fmt(after.heap / baseline.heap, 3), `≤ ${HEAP_BUDGET_RATIO}`, after.heap <= baseline.heap * HEAP_BUDGET_RATIO));
for (const failure of [...new Set(failures)].slice(0, 10)) console.log(`  failure: ${failure}`);

if (record) {
  recordResults('bench:load', 'Load: 200 concurrent streamed chats (bench/load.mjs)', [
    ...provenance(command, [
      `- method: \`next start\` (what \`npm start\` runs; build in \`.next-bench\`) → test upstream (own process) on 127.0.0.1; each round scripts ${CONCURRENCY} streams of 200 chunks ${PACE_MS} ms apart, each with its own numbered text, and opens ${CONCURRENCY} chats at once; every body checked for [DONE], its text whole, and each text exactly once`,
      `- memory: VmRSS of the server process (next-server; /proc/<pid>/status) and its V8 heapUsed; the server runs with \`--inspect=127.0.0.1:0\` so the benchmark can force a full GC (HeapProfiler.collectGarbage) before each reading; baseline after 40 warm-up streams; peak sampled every 100 ms; after = ${IDLE_MS / 1000} s idle, then GC`,
    ]),
    ...rows,
    ...(failures.length ? ['', 'Failures (first 10 distinct):', ...[...new Set(failures)].slice(0, 10).map((f) => `- ${f}`)] : []),
  ]);
  log('recorded in bench/RESULTS.md');
}
process.exitCode = failures.length === 0 ? 0 : 1;
