/**
 * `npm run bench:load` — 300 concurrent streamed chats through the built app (`next start`, what
 * `npm start` runs, of .next-bench) against the scripted test upstream on loopback, for a fixed number
 * of rounds, while 20 clients have stopped reading an endless stream, a 10 MB SSE line arrives in
 * each round, and the page (GET /) is asked for every 100 ms.
 *
 * Each round scripts 300 streams of 200 chunks, 10 ms apart (2 s each), each carrying its own numbered
 * text, and opens the 300 chats over one second, so all of them are open together for about a second
 * (measured: the most streams open at once); the round's 10 MB line (in 64 KB blocks 10 ms apart, so it
 * spans the round's start) goes first. Passes when: no request fails, every
 * stream ends with `[DONE]`, every text arrives whole and each numbered text exactly once (nothing
 * lost, duplicated or mixed between streams); each 10 MB line ends in the 502 that names the line
 * limit; the stalled clients' upstream streams are blocked on their sockets (the proxy stopped reading
 * them) and were not abandoned; the page always answered 200 within 1 s; the RSS of the server
 * (/proc/<pid>/status) stays within its bound during the load, and it and the V8 heap come back near
 * their baselines after a short idle and a full GC (forced through the inspector, which the server runs
 * with on 127.0.0.1).
 *
 * Bounded: ROUNDS × 300 streams, a 30 s limit per stream, a 300 s limit overall; loopback only.
 * Options: --quick (1 round, nothing recorded), --no-record. Run with --experimental-websocket (Node 20).
 */
import {
  benchOptions, cleanup, figure, fmt, inspectorSession, keepAliveAgent, log, onCleanup, post, provenance, recordResults, rssBytes, startApp,
  startUpstream, withDeadline,
} from './lib/harness.mjs';
import { endlessStreamStep, hugeLineStep, pollPage, stalledClient } from './lib/hostile.mjs';
import { streamChunks, splitWords } from '../e2e/upstream/protocol.mjs';
import { CHAT_PATH, readStreamBody } from './lib/workload.mjs';

const { quick, record, command } = benchOptions('bench:load');
const CONCURRENCY = 300;
const ROUNDS = quick ? 1 : 3;
/** 10 ms between chunks (100 tokens/s, a fast model): a stream lasts 2 s, longer than the ramp. */
const PACE_MS = 10;
/** The round's chats are opened over this long (arrivals spread as real ones are), so all are open together once it is over. */
const RAMP_MS = 1_000;
const WORDS = 198; // + role chunk + finish chunk = 200 chunks
const STALLED = 20;
const LINE_BYTES = 10_000_000;
/**
 * RSS after the idle may exceed the baseline by at most this much: V8 and malloc keep some memory they
 * grew into, more after the hostile clients moved some 200 MB through in bursts (1.25 without them).
 * What JS still holds is the heap and external budgets below.
 */
const RSS_BUDGET_RATIO = 1.5;
/** RSS during the load may exceed the baseline by at most this much (the old relay grew by gigabytes). */
const MiB = 2 ** 20;
const PEAK_BUDGET_BYTES = 256 * MiB;
const IDLE_MS = 5_000;
/** The V8 heap after GC may exceed its baseline by at most this much. */
const HEAP_BUDGET_RATIO = 1.1;
/** Buffers still held after GC (node-fetch's queues, sockets' bodies) may exceed their baseline by at most this much. */
const EXTERNAL_BUDGET_BYTES = 2 * 2 ** 20;
const PAGE_BUDGET_MS = 1_000;

const stopDeadline = withDeadline(300_000, 'bench:load');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** The most [start, end] spans that overlap at one moment: how many streams were open at once. */
function mostAtOnce(spans) {
  const edges = spans.flatMap(([start, end]) => [[start, 1], [end, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, change] of edges) most = Math.max(most, (open += change));
  return most;
}

/** Polls the upstream's record until `check` holds (or 10 s pass): what it received, then. */
async function until(check, what) {
  for (let i = 0; i < 200; i++) {
    const records = await upstream.requests();
    if (check(records)) return records;
    await sleep(50);
  }
  throw new Error(`bench:load: ${what} did not happen within 10 s`);
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
  // Buffers and other memory outside the V8 heap that JS still holds (sockets' and bodies' bytes).
  const external = await inspector.evaluate('process.memoryUsage().external');
  return { rss: rssBytes(pid), heap, external };
}
log(`app ${app.url}, server pid ${pid}`);
const url = `${app.url}${CHAT_PATH}`;
const warmAgent = keepAliveAgent(8);
const request = (k) => JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: `load test chat ${k}` }] });

// Baseline: the server warmed up (routes loaded, code optimised) by a few streams, then idle.
await upstream.script([{ ...step(0, 0), delayMs: 0, repeat: -1 }]);
for (let i = 0; i < 40; i++) await post(url, request(i), { agent: warmAgent });
warmAgent.destroy();
// The page too: its first request loads its route (a second or more), which is not what is measured.
for (let i = 0; i < 5; i++) await (await fetch(`${app.url}/`)).arrayBuffer();
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
const pageStarted = performance.now();
const page = pollPage(`${app.url}/`);

// 20 clients that read their stream's first bytes and then stop; they stay so through every round.
await upstream.script([endlessStreamStep(STALLED)]);
const stalled = await Promise.all(Array.from({ length: STALLED }, (_, k) => stalledClient(url, request(`stalled ${k}`))));
onCleanup(async () => stalled.forEach((client) => client.close()));
await until((records) => records.filter((r) => r.servedBy === 'flood' && r.waitingForDrain).length === STALLED, 'the stalled clients blocking their upstream streams');

const failures = [];
let completed = 0;
const seen = new Set();
const roundTimes = [];
const peakOpen = [];
const roundStarts = [];
const lineReplies = [];
const perRound = [];
for (let round = 1; round <= ROUNDS; round++) {
  await upstream.script([hugeLineStep(LINE_BYTES, PACE_MS), ...Array.from({ length: CONCURRENCY }, (_, k) => step(round, k))]);
  const before = (await upstream.requests()).length;
  const line = post(url, request(`10 MB line ${round}`), { timeoutMs: 30_000 });
  await until((records) => records.length > before && records[before].servedBy !== 'pending', 'the 10 MB line request reaching the upstream');
  const started = performance.now();
  roundStarts.push(started);
  // An agent per round: a connection kept from the last round has idled past the server's keep-alive
  // timeout (5 s) by now, and reusing it as the server closes it is an ECONNRESET of nobody's making.
  const agent = keepAliveAgent(CONCURRENCY);
  const spans = [];
  const open = async (k) => {
    await sleep((k * RAMP_MS) / CONCURRENCY);
    const opened = performance.now();
    const reply = await post(url, request(k), { agent, timeoutMs: 30_000 });
    spans.push([opened, performance.now()]);
    return reply;
  };
  const results = await Promise.allSettled(Array.from({ length: CONCURRENCY }, (_, k) => open(k)));
  roundTimes.push(performance.now() - started);
  peakOpen.push(mostAtOnce(spans));
  agent.destroy();
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
  const lineReply = await line.catch((error) => ({ status: 0, text: error.message, total: NaN }));
  const limited = lineReply.status === 200 && /"code":"upstream_too_large"/.test(lineReply.text) && lineReply.text.includes('AIML_API_MAX_LINE_CHARS');
  lineReplies.push({ ms: lineReply.total, limited });
  if (!limited) failures.push(`10 MB line of round ${round}: not the line limit's 502 (${lineReply.status}: ${lineReply.text.slice(-160)})`);
  const mem = await settled(1_000);
  perRound.push(mem);
  log(`round ${round}: ${CONCURRENCY} streams in ${fmt(roundTimes.at(-1) / 1000, 2)} s, 10 MB line answered in ${fmt(lineReply.total, 0)} ms, ` +
    `${failures.length} failures so far; after GC RSS ${fmt(mem.rss / MiB, 1)} MiB, heap ${fmt(mem.heap / MiB, 1)} MiB`);
}

// The stalled clients' upstream streams: still open, still blocked, and how much each got to send.
const stalledRecords = (await upstream.requests()).filter((r) => r.servedBy === 'flood' && r.body?.messages?.[0]?.content?.startsWith('load test chat stalled'));
const blocked = stalledRecords.filter((r) => r.waitingForDrain && !r.aborted).length;
const stalledSent = stalledRecords.map((r) => r.bytesWritten);
if (blocked !== STALLED) failures.push(`stalled clients: ${blocked} of ${STALLED} upstream streams blocked and open at the end`);
stalled.forEach((client) => client.close());
const pageSeen = await page.stop();
clearInterval(sampler);
failures.push(...new Set(pageSeen.failures));

// Short idle, then a full GC: what the load left behind.
await sleep(IDLE_MS);
const after = await settled();
const total = CONCURRENCY * ROUNDS;
await cleanup();
stopDeadline();

const sorted = (values) => [...values].sort((a, b) => a - b);
const pageTimes = sorted(pageSeen.times);
const pageMax = pageTimes.at(-1) ?? NaN;
const pageP99 = pageTimes[Math.min(pageTimes.length - 1, Math.floor(pageTimes.length * 0.99))];
console.log(`\nLoad (${command}): ${ROUNDS} rounds × ${CONCURRENCY} concurrent streamed chats, 200 chunks each, ${PACE_MS} ms apart; ${STALLED} stalled clients; a 10 MB line a round`);
const rows = ['| figure | value | budget | result |', '|---|---|---|---|'];
rows.push(figure('streams completed intact', `${completed} / ${total}`, `${total} / ${total}`, completed === total));
rows.push(figure('errors (failed, cut, mixed or duplicated; page, line, stalled)', String(failures.length), '0', failures.length === 0));
rows.push(figure(`round time (${CONCURRENCY} chats, opened over ${RAMP_MS / 1000} s), median`, `${fmt(sorted(roundTimes)[Math.floor(roundTimes.length / 2)] / 1000, 2)} s`, '—'));
rows.push(figure('streams open at once, most (each round)', peakOpen.join(' / '), `${CONCURRENCY}`, peakOpen.every((n) => n === CONCURRENCY)));
rows.push(figure('10 MB line: the line limit\'s 502, answered in', `${lineReplies.filter((l) => l.limited).length} / ${ROUNDS}, ${lineReplies.map((l) => fmt(l.ms, 0)).join(' / ')} ms`, `${ROUNDS} / ${ROUNDS}`, lineReplies.every((l) => l.limited)));
rows.push(figure(`stalled clients: upstream blocked and open`, `${blocked} / ${STALLED}`, `${STALLED} / ${STALLED}`, blocked === STALLED));
rows.push(figure('stalled clients: upstream bytes sent each (max)', `${fmt(Math.max(...stalledSent) / MiB, 1)} MiB`, '—'));
rows.push(figure(`GET / during the load: max (p99), ${pageTimes.length} requests`, `${fmt(pageMax, 0)} ms (${fmt(pageP99, 0)} ms)`, `≤ ${PAGE_BUDGET_MS} ms`, pageMax <= PAGE_BUDGET_MS && pageSeen.failures.length === 0));
rows.push(figure('server RSS baseline (warm, idle, after GC)', `${fmt(baseline.rss / MiB, 1)} MiB`, '—'));
rows.push(figure('server RSS peak during load', `${fmt(peak / MiB, 1)} MiB`, `≤ ${fmt((baseline.rss + PEAK_BUDGET_BYTES) / MiB, 1)} MiB`, peak <= baseline.rss + PEAK_BUDGET_BYTES));
rows.push(figure('server RSS after each round (GC)', perRound.map((m) => fmt(m.rss / MiB, 1)).join(' / ') + ' MiB', '—'));
rows.push(figure(`server RSS after ${IDLE_MS / 1000} s idle + GC`, `${fmt(after.rss / MiB, 1)} MiB`, `≤ ${fmt((baseline.rss * RSS_BUDGET_RATIO) / MiB, 1)} MiB`, after.rss <= baseline.rss * RSS_BUDGET_RATIO));
rows.push(figure('RSS after / baseline', fmt(after.rss / baseline.rss, 3), `≤ ${RSS_BUDGET_RATIO}`, after.rss <= baseline.rss * RSS_BUDGET_RATIO));
rows.push(figure('V8 heap used: baseline → after each round → after', `${fmt(baseline.heap / MiB, 1)} → ${perRound.map((m) => fmt(m.heap / MiB, 1)).join(' / ')} → ${fmt(after.heap / MiB, 1)} MiB`, '—'));
rows.push(figure('external memory (Buffers): baseline → after each round → after', `${fmt(baseline.external / MiB, 1)} → ${perRound.map((m) => fmt(m.external / MiB, 1)).join(' / ')} → ${fmt(after.external / MiB, 1)} MiB`, `after ≤ ${fmt((baseline.external + EXTERNAL_BUDGET_BYTES) / MiB, 1)} MiB`, after.external <= baseline.external + EXTERNAL_BUDGET_BYTES));
rows.push(figure('heap after / baseline', fmt(after.heap / baseline.heap, 3), `≤ ${HEAP_BUDGET_RATIO}`, after.heap <= baseline.heap * HEAP_BUDGET_RATIO));
for (const failure of [...new Set(failures)].slice(0, 10)) console.log(`  failure: ${failure}`);
const slowest = pageSeen.times.map((ms, i) => ({ ms, at: pageSeen.sent[i] })).sort((a, b) => b.ms - a.ms).slice(0, 5);
const sinceRound = (at) => {
  const start = [...roundStarts].reverse().find((s) => s <= at);
  return start === undefined ? `${fmt(at - pageStarted, 0)} ms after polling began, before the rounds` : `${fmt(at - start, 0)} ms into round ${roundStarts.indexOf(start) + 1}`;
};
log(`slowest GET /: ${slowest.map((s) => `${fmt(s.ms, 0)} ms (sent ${sinceRound(s.at)})`).join('; ')}`);

const passed =
  failures.length === 0 && peakOpen.every((n) => n === CONCURRENCY) && peak <= baseline.rss + PEAK_BUDGET_BYTES && pageMax <= PAGE_BUDGET_MS &&
  after.rss <= baseline.rss * RSS_BUDGET_RATIO && after.heap <= baseline.heap * HEAP_BUDGET_RATIO && after.external <= baseline.external + EXTERNAL_BUDGET_BYTES;
if (record) {
  recordResults('bench:load', `Load: ${CONCURRENCY} concurrent streamed chats, ${STALLED} stalled clients, a 10 MB line (bench/load.mjs)`, [
    ...provenance(command, [
      `- method: \`next start\` (what \`npm start\` runs; build in \`.next-bench\`) → test upstream (own process) on 127.0.0.1; each round scripts ${CONCURRENCY} streams of 200 chunks ${PACE_MS} ms apart, each with its own numbered text, and opens the ${CONCURRENCY} chats over ${RAMP_MS / 1000} s (${fmt(RAMP_MS / CONCURRENCY, 1)} ms apart, as arrivals spread), so that all are open together; every body checked for [DONE], its text whole, and each text exactly once`,
      `- hostile load, throughout: ${STALLED} clients that read their stream's first bytes and then stop reading (the upstream sends an endless stream of 1 KB chunks; its record shows whether its writes wait on a full socket); each round, first, one chat whose upstream sends a ${LINE_BYTES / 1e6} MB SSE line in 64 KB blocks ${PACE_MS} ms apart; GET / every 100 ms, one at a time, timed`,
      `- memory: VmRSS of the server process (next-server; /proc/<pid>/status) and its V8 heapUsed; the server runs with \`--inspect=127.0.0.1:0\` so the benchmark can force a full GC (HeapProfiler.collectGarbage) before each reading; baseline after 40 warm-up streams; peak sampled every 100 ms (stalled clients included); after = stalled clients closed, ${IDLE_MS / 1000} s idle, then GC`,
    ]),
    ...rows,
    ...(failures.length ? ['', 'Failures (first 10 distinct):', ...[...new Set(failures)].slice(0, 10).map((f) => `- ${f}`)] : []),
  ]);
  log('recorded in bench/RESULTS.md');
}
process.exitCode = passed ? 0 : 1;
