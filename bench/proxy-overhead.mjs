/**
 * `npm run bench:proxy` — latency the proxy adds, measured in one run with the same requests sent
 * DIRECTLY to the scripted test upstream and THROUGH the app (the build in .next-bench under `next
 * start`, what `npm start` runs: Next's route handler answers; AIML_API_BASE_URL = that upstream),
 * interleaved so drift hits every path alike. A third path, FLOOR, is bench/lib/floor-proxy.mjs, a
 * bare Node pass-through proxy (no validation, no SDK): what one more hop costs on this machine at
 * least. Absolute times swing 2× between runs on a shared machine, so the budgets are ratios to the
 * floor's added time, measured in the same run.
 *
 * (a) sequential plain calls, the method of the public LLM-gateway overhead benchmark: warm-up, then
 *     R rounds × N requests, the median of each round, and the median of those medians per path;
 *     added latency = proxied − direct. Budget: ≤ 4× the floor's added latency. For reference, a
 *     request the route refuses (400, no upstream call) shows the cost of the app's own work without
 *     the upstream. Then the same calls each after 20 ms of idling: on a VM an idle CPU wakes up
 *     slow, and a stream's first token always comes after an idle moment.
 * (b) streams of 200 chunks at 1, 10 and 50 concurrent: time to first token (first `data:` event)
 *     and total time per stream, phases in A-B-B-A order, throughput by Little's law. Budgets, on
 *     streams paced like a fast model (5 ms between chunks): at 10 concurrent added TTFT p50 ≤ 5× the
 *     floor's and p99 ≤ 10 ms; at 50 proxied/direct throughput ≥ 0.9. The same levels with chunks
 *     back to back (no pause: CPU-bound) are printed too, without budget: they show the cost per chunk.
 *
 * Every path uses node:http with its own keep-alive agent of the same settings, renewed at each phase
 * (an idle pooled socket could meet the server's keep-alive close). The upstream runs in its own process.
 * Options: --quick (fewer requests, nothing recorded), --profile (next-server under --cpu-prof,
 * profiles in bench/out/prof), --no-record (leave RESULTS.md alone), --pace=<ms> (default 5),
 * --label=<name> (figures also to bench/out/proxy-<name>.json). BENCH_BEFORE_DIR=<a copy of the app
 * with its own .next-bench build> adds that build as one more path, "before", in the same run;
 * BENCH_VARIANTS=<name>=<dir>,… adds several such copies, each under its own name.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT, benchOptions, cleanup, cpuMs, figure, fmt, keepAliveAgent, log, median, onCleanup, post, provenance, quantile, recordResults,
  startApp, startFloorProxy, startUpstream, withDeadline,
} from './lib/harness.mjs';
import { CHAT_PATH, UPSTREAM_CHAT_PATH, checkStream, streamStep, weatherCompletionStep, weatherRequest } from './lib/workload.mjs';

const { args, quick, record, command: npmCommand } = benchOptions('bench:proxy');
const profile = args.includes('--profile');
/** [name, app copy with its own build], in the order given: BENCH_BEFORE_DIR as "before", then BENCH_VARIANTS. */
const variants = [
  ...(process.env.BENCH_BEFORE_DIR ? [['before', path.resolve(process.env.BENCH_BEFORE_DIR)]] : []),
  ...(process.env.BENCH_VARIANTS ?? '').split(',').filter(Boolean).map((entry) => {
    const [name, dir] = entry.split('=');
    if (!name || !dir || ['direct', 'proxied', 'floor'].includes(name)) throw new Error(`BENCH_VARIANTS: bad entry "${entry}" (name=dir)`);
    return [name, path.resolve(dir)];
  }),
];
const label = args.find((a) => a.startsWith('--label='))?.split('=')[1];
/** Gap between stream chunks: 5 ms = 200 tokens/s, faster than the models people stream from. */
const PACE_MS = Number(args.find((a) => a.startsWith('--pace='))?.split('=')[1] ?? 5);

const PLAIN = { warmup: quick ? 100 : 300, rounds: quick ? 5 : 20, perRound: quick ? 20 : 50 };
/** Streams per path at each concurrency (run as two phases per path: A-B-B-A). */
const STREAM_LEVELS = [
  { concurrency: 1, streams: quick ? 4 : 10 },
  { concurrency: 10, streams: quick ? 40 : 100 },
  { concurrency: 50, streams: quick ? 100 : 300 },
];
/** The same with chunks back to back: CPU-bound, so it shows what each chunk costs the proxy. */
const BURST_LEVELS = [
  { concurrency: 1, streams: quick ? 20 : 100 },
  { concurrency: 10, streams: quick ? 60 : 200 },
  { concurrency: 50, streams: quick ? 100 : 300 },
];
const COMPARATORS = 'Bifrost (Go) 0.44 ms · Portkey gateway 2.37 ms · LiteLLM 4.34 ms (as ratios to Bifrost, the near-floor: 5.4× and 9.9×)';
/** The budgets, as ratios of the proxy's added time to the floor's in the same run. */
const BUDGET = { plainRatio: 4, ttftRatio: 5 };

const stopDeadline = withDeadline((quick ? 180_000 : 420_000) * (1 + variants.length / 2), 'bench:proxy');

const upstream = await startUpstream();
onCleanup(() => upstream.close());
const profDir = path.join(ROOT, 'bench/out/prof');
if (profile) mkdirSync(profDir, { recursive: true });
const app = await startApp({ upstreamUrl: upstream.url, nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [] });
onCleanup(() => app.stop());
const floor = await startFloorProxy({ upstreamUrl: upstream.url });
onCleanup(() => floor.stop());
log(`upstream ${upstream.origin}, app ${app.url} (next-server pid ${app.serverPid}), floor ${floor.url}`);

/** direct, proxied, floor and the copies named by BENCH_BEFORE_DIR / BENCH_VARIANTS. */
const paths = {
  direct: { url: `${upstream.origin}${UPSTREAM_CHAT_PATH}`, agent: keepAliveAgent() },
  proxied: { url: `${app.url}${CHAT_PATH}`, agent: keepAliveAgent(), pid: app.serverPid },
  floor: { url: `${floor.url}${CHAT_PATH}`, agent: keepAliveAgent(), pid: floor.pid },
};
for (const [name, dir] of variants) {
  const copy = await startApp({ upstreamUrl: upstream.url, appDir: dir });
  onCleanup(() => copy.stop());
  paths[name] = { url: `${copy.url}${CHAT_PATH}`, agent: keepAliveAgent(), pid: copy.serverPid };
  log(`${name}: ${dir} at ${copy.url}`);
}
const names = Object.keys(paths);
const proxies = names.filter((n) => n !== 'direct');
const renewAgents = () => {
  for (const p of Object.values(paths)) {
    p.agent.destroy();
    p.agent = keepAliveAgent();
  }
};

async function call(which, body, expectStatus = 200) {
  const { url, agent } = paths[which];
  const result = await post(url, body, { agent });
  if (result.status !== expectStatus) throw new Error(`${which}: HTTP ${result.status}: ${result.text.slice(0, 300)}`);
  return result;
}

// ── (a) sequential plain calls ────────────────────────────────────────────────────────────────────
await upstream.script([weatherCompletionStep()]);
const plainBody = JSON.stringify(weatherRequest());
for (const which of proxies) {
  const first = JSON.parse((await call(which, plainBody)).text);
  if (first.choices?.[0]?.message?.tool_calls?.length !== 3) throw new Error(`unexpected ${which} answer: ${JSON.stringify(first)}`);
}
// The app's own share, for reference: a body it refuses (400) costs the routing, the body read and
// validation and the reply, but no upstream call.
const refusedBody = JSON.stringify({ ...weatherRequest(), messages: [] });
log(`(a) warm-up ${PLAIN.warmup} per path`);
for (let i = 0; i < PLAIN.warmup; i++) for (const which of names) await call(which, plainBody);
const roundMedians = { refused: [], ...Object.fromEntries(names.map((n) => [n, []])) };
for (let r = 0; r < PLAIN.rounds; r++) {
  const times = Object.fromEntries(Object.keys(roundMedians).map((k) => [k, []]));
  for (let i = 0; i < PLAIN.perRound; i++) {
    // Rotate which path goes first, so none always follows another.
    for (let k = 0; k < names.length; k++) {
      const which = names[(i + k) % names.length];
      times[which].push((await call(which, plainBody)).total);
    }
    times.refused.push((await call('proxied', refusedBody, 400)).total);
  }
  for (const key of Object.keys(times)) roundMedians[key].push(median(times[key]));
}
const plain = Object.fromEntries(Object.entries(roundMedians).map(([k, v]) => [k, median(v)]));
// CPU the server spends per plain call (its own process only; far steadier than latency on a busy machine).
const CPU_CALLS = quick ? 200 : 1000;
plain.cpu = {};
for (const which of proxies) {
  const c0 = cpuMs(paths[which].pid);
  for (let i = 0; i < CPU_CALLS; i++) await call(which, plainBody);
  plain.cpu[which] = (cpuMs(paths[which].pid) - c0) / CPU_CALLS;
}
log(`(a) ${names.map((n) => `${n} ${fmt(plain[n], 3)} ms`).join(', ')}, refused ${fmt(plain.refused, 3)} ms`);

// The same calls, each after an idle pause: the state every stream's first token is sent in.
const IDLE = { calls: quick ? 30 : 150, gapMs: 20 };
const idleTimes = { direct: [], proxied: [], floor: [] };
for (let i = 0; i < IDLE.calls; i++) {
  for (const which of Object.keys(idleTimes)) {
    await new Promise((resolve) => setTimeout(resolve, IDLE.gapMs));
    idleTimes[which].push((await call(which, plainBody)).total);
  }
}
const idle = Object.fromEntries(Object.entries(idleTimes).map(([k, v]) => [k, median(v)]));
log(`(a) after ${IDLE.gapMs} ms idle: ${Object.entries(idle).map(([k, v]) => `${k} ${fmt(v, 3)} ms`).join(', ')}`);

// ── (b) streams ───────────────────────────────────────────────────────────────────────────────────
const streamBody = JSON.stringify(weatherRequest({ stream: true }));

/**
 * `count` streams through `which` from `concurrency` workers in a closed loop. With paced chunks the
 * workers start `stagger` ms apart (spread over one stream's duration), as clients that began at
 * different times; otherwise equal-length streams would keep every wave arriving at the same instant.
 */
async function streamPhase(which, concurrency, count, stagger = 0) {
  const ttft = [];
  const total = [];
  let next = 0;
  const deadline = performance.now() + 120_000;
  const worker = async (w) => {
    if (stagger) await new Promise((resolve) => setTimeout(resolve, w * stagger));
    while (next < count && performance.now() < deadline) {
      next += 1;
      const result = await call(which, streamBody);
      const broken = checkStream(result.text);
      if (broken) throw new Error(`${which} stream broken: ${broken}`);
      ttft.push(result.ttft);
      total.push(result.total);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  if (total.length < count) throw new Error(`${which}: only ${total.length} of ${count} streams within the deadline`);
  return { ttft, total };
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/** Every level for one pacing; phases A-B-(C-C)-B-A so drift hits every path alike. */
async function streamLevels(pace, levels) {
  await upstream.script([streamStep({ delayMs: pace })]);
  for (const which of names) await streamPhase(which, 10, 20);
  const out = [];
  for (const { concurrency, streams: count } of levels) {
    const stagger = pace > 0 ? (200 * pace) / concurrency : 0;
    const acc = Object.fromEntries(names.map((n) => [n, { ttft: [], total: [], cpu: 0 }]));
    for (const which of [...names, ...[...names].reverse()]) {
      renewAgents();
      const pid = paths[which].pid;
      const c0 = pid ? cpuMs(pid) : 0;
      const phase = await streamPhase(which, concurrency, count / 2, stagger);
      acc[which].ttft.push(...phase.ttft);
      acc[which].total.push(...phase.total);
      if (pid) acc[which].cpu += cpuMs(pid) - c0;
    }
    // Closed loop, so by Little's law throughput = concurrency / mean time per stream.
    const summary = (s) => ({
      ttftP50: quantile(s.ttft, 0.5), ttftP99: quantile(s.ttft, 0.99),
      totalP50: quantile(s.total, 0.5), totalP99: quantile(s.total, 0.99),
      throughput: concurrency / (mean(s.total) / 1000),
      cpuPerStream: s.cpu / s.total.length,
    });
    const level = { pace, concurrency, count, ...Object.fromEntries(names.map((n) => [n, summary(acc[n])])) };
    out.push(level);
    log(`(b) pace ${pace} ms, ${concurrency} concurrent: TTFT p50 ${names.map((n) => `${n} ${fmt(level[n].ttftP50)}`).join(', ')} ms; ` +
      `throughput ${names.map((n) => `${n} ${fmt(level[n].throughput, 1)}`).join(', ')} streams/s`);
  }
  return out;
}

const paced = await streamLevels(PACE_MS, STREAM_LEVELS);
const burst = await streamLevels(0, BURST_LEVELS);

await cleanup();
stopDeadline();

// ── report ────────────────────────────────────────────────────────────────────────────────────────
const variantEnv = [
  process.env.BENCH_BEFORE_DIR ? `BENCH_BEFORE_DIR=${process.env.BENCH_BEFORE_DIR}` : '',
  process.env.BENCH_VARIANTS ? `BENCH_VARIANTS=${process.env.BENCH_VARIANTS}` : '',
].filter(Boolean);
const command = [...variantEnv, npmCommand].join(' ');
const extra = variants.map(([name]) => name);
const ratio = (added, floorAdded) => added / floorAdded;
const ratioText = (value) => `${fmt(value, 1)}×`;
console.log(`\nProxy overhead (${command})`);
const rows = ['| figure | value | budget | result |', '|---|---|---|---|'];
console.log(`(a) sequential plain calls: ${PLAIN.rounds} rounds × ${PLAIN.perRound} per path after ${PLAIN.warmup} warm-up; median of round medians`);
const plainAdded = (which) => plain[which] - plain.direct;
const plainRatio = ratio(plainAdded('proxied'), plainAdded('floor'));
rows.push(figure('(a) direct, median of round medians', `${fmt(plain.direct, 3)} ms`, '—'));
rows.push(figure('(a) proxied, median of round medians', `${fmt(plain.proxied, 3)} ms`, '—'));
rows.push(figure('(a) added latency (proxied − direct)', `${fmt(plainAdded('proxied'), 3)} ms`, '—'));
rows.push(figure('(a) bare pass-through proxy (floor): added latency, CPU per call', `${fmt(plainAdded('floor'), 3)} ms, ${fmt(plain.cpu.floor, 3)} ms`, '—'));
rows.push(figure('(a) added latency ÷ floor\'s', ratioText(plainRatio), `≤ ${BUDGET.plainRatio}×`, plainRatio <= BUDGET.plainRatio));
rows.push(figure('(a) a refused call (400, no upstream) − direct', `${fmt(plain.refused - plain.direct, 3)} ms`, '—'));
rows.push(figure('(a) server CPU per proxied call', `${fmt(plain.cpu.proxied, 3)} ms`, '—'));
rows.push(figure(`(a) each call after ${IDLE.gapMs} ms idle: direct (× back-to-back)`, `${fmt(idle.direct, 3)} ms (× ${fmt(idle.direct / plain.direct, 2)})`, '—'));
rows.push(figure(`(a) each call after ${IDLE.gapMs} ms idle: added latency proxied / floor`, `${fmt(idle.proxied - idle.direct, 3)} / ${fmt(idle.floor - idle.direct, 3)} ms`, '—'));
for (const name of extra) {
  rows.push(figure(`(a) ${name}: added latency (÷ floor's), CPU per call`, `${fmt(plainAdded(name), 3)} ms (${ratioText(ratio(plainAdded(name), plainAdded('floor')))}), ${fmt(plain.cpu[name], 3)} ms`, '—'));
}
console.log(`    comparators (public gateway benchmark): ${COMPARATORS}`);

const streamRows = (levels, budgeted) => {
  for (const l of levels) {
    const c = l.concurrency;
    const tag = l.pace ? `(b) paced, ${c} conc` : `(b) burst, ${c} conc`;
    const at10 = budgeted && c === 10;
    const at50 = budgeted && c === 50;
    const added = (which, q) => l[which][q] - l.direct[q];
    const p50Ratio = ratio(added('proxied', 'ttftP50'), added('floor', 'ttftP50'));
    const throughput = l.proxied.throughput / l.direct.throughput;
    rows.push(figure(`${tag}: TTFT p50 direct / proxied`, `${fmt(l.direct.ttftP50)} / ${fmt(l.proxied.ttftP50)} ms`, '—'));
    rows.push(figure(`${tag}: TTFT p99 direct / proxied`, `${fmt(l.direct.ttftP99)} / ${fmt(l.proxied.ttftP99)} ms`, '—'));
    rows.push(figure(`${tag}: added TTFT p50 proxied / floor`, `${fmt(added('proxied', 'ttftP50'))} / ${fmt(added('floor', 'ttftP50'))} ms`, '—'));
    rows.push(figure(`${tag}: added TTFT p50 ÷ floor's`, ratioText(p50Ratio), at10 ? `≤ ${BUDGET.ttftRatio}×` : '—', at10 ? p50Ratio <= BUDGET.ttftRatio : undefined));
    rows.push(figure(`${tag}: added TTFT p99 proxied / floor`, `${fmt(added('proxied', 'ttftP99'))} / ${fmt(added('floor', 'ttftP99'))} ms`, at10 ? '≤ 10 ms' : '—', at10 ? added('proxied', 'ttftP99') <= 10 : undefined));
    rows.push(figure(`${tag}: total p50 direct / proxied`, `${fmt(l.direct.totalP50)} / ${fmt(l.proxied.totalP50)} ms`, '—'));
    rows.push(figure(`${tag}: throughput proxied/direct (floor)`, `${fmt(throughput, 3)} (${fmt(l.floor.throughput / l.direct.throughput, 3)})`, at50 ? '≥ 0.9' : '—', at50 ? throughput >= 0.9 : undefined));
    rows.push(figure(`${tag}: server CPU per stream proxied / floor`, `${fmt(l.proxied.cpuPerStream)} / ${fmt(l.floor.cpuPerStream)} ms`, '—'));
    for (const name of extra) {
      rows.push(figure(
        `${tag}: ${name}: added TTFT p50 (÷ floor's) / p99; throughput ratio; CPU per stream`,
        `${fmt(added(name, 'ttftP50'))} ms (${ratioText(ratio(added(name, 'ttftP50'), added('floor', 'ttftP50')))}) / ${fmt(added(name, 'ttftP99'))} ms; ${fmt(l[name].throughput / l.direct.throughput, 3)}; ${fmt(l[name].cpuPerStream)} ms`,
        '—',
      ));
    }
  }
};
console.log(`(b) streams of 200 chunks, ${PACE_MS} ms apart (budgeted); p50/p99 over every stream of both phases`);
streamRows(paced, true);
console.log('(b) the same, chunks back to back (CPU-bound; no budget)');
streamRows(burst, false);

const at10 = paced.find((l) => l.concurrency === 10);
const ttftRatio = at10 ? ratio(at10.proxied.ttftP50 - at10.direct.ttftP50, at10.floor.ttftP50 - at10.direct.ttftP50) : NaN;
const budgetLines = [
  `- **budgets (ratios to the floor, same run)**: plain call added latency ${ratioText(plainRatio)} (≤ ${BUDGET.plainRatio}×: ${plainRatio <= BUDGET.plainRatio ? 'pass' : '**MISS**'}); ` +
    `added TTFT p50 at 10 concurrent paced streams ${ratioText(ttftRatio)} (≤ ${BUDGET.ttftRatio}×: ${ttftRatio <= BUDGET.ttftRatio ? 'pass' : '**MISS**'})`,
];
console.log(budgetLines[0].slice(2));

if (label) {
  mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
  writeFileSync(path.join(ROOT, `bench/out/proxy-${label}.json`), JSON.stringify({ plain, idle, paced, burst }, null, 1));
}
if (record) {
  const [id, title] = extra.length
    ? ['bench:proxy-ab', 'Proxy overhead: builds compared in one run (bench/proxy-overhead.mjs with BENCH_BEFORE_DIR / BENCH_VARIANTS)']
    : ['bench:proxy', 'Proxy overhead (bench/proxy-overhead.mjs)'];
  recordResults(id, title, [
    ...provenance(command, [
      `- method: the same request sent directly to the test upstream (own process), through the app (\`next start\` of the build in \`.next-bench\`, what \`npm start\` runs: Next's route handler) and through bench/lib/floor-proxy.mjs (a bare Node pass-through proxy: no validation, no SDK; what one more hop costs here at least)${extra.length ? `, and through ${extra.map((n) => `"${n}" (${variants.find(([v]) => v === n)[1]})`).join(', ')}, another build of the app each` : ''}, interleaved; node:http keep-alive agents, one per path, alike`,
      `- (a): ${PLAIN.warmup} warm-up per path, ${PLAIN.rounds} rounds × ${PLAIN.perRound} requests per path, median per round, median of round medians; then ${IDLE.calls} calls per path each after ${IDLE.gapMs} ms idle (median); comparators: ${COMPARATORS}`,
      `- (b): 200-chunk text stream, ${PACE_MS} ms between chunks (200 tokens/s; budgets apply here), workers started ${PACE_MS * 200}/concurrency ms apart; then the same with chunks back to back (CPU-bound, no budget); per level, phases A-B-B-A; paced ${STREAM_LEVELS.map((l) => l.streams).join('/')} and burst ${BURST_LEVELS.map((l) => l.streams).join('/')} streams per path at 1/10/50; TTFT = first \`data:\` event; throughput = concurrency / mean stream time (closed loop, Little's law); every stream checked ([DONE], content intact)`,
      ...budgetLines,
    ]),
    ...rows,
  ]);
  log('recorded in bench/RESULTS.md');
}
