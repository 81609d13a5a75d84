/**
 * What every benchmark here shares: the scripted test upstream in its own process, the production
 * build under `next start` (what `npm start` runs; its server pid found for RSS and profiles), loopback-only HTTP with
 * keep-alive, deadlines and cleanup (statistics and RESULTS.md: report.mjs). Every loop is bounded
 * by a count and a deadline; everything listens and connects on 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { DIST_DIR, HOST, log, ROOT } from './paths.mjs';

export { DIST_DIR, HOST, log, ROOT } from './paths.mjs';
export * from './report.mjs';
export { inspectorSession } from './inspector.mjs';

const SENTINEL_KEY = 'sk-bench-sentinel-0000000000000000';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(url, what, child, output, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer within ${timeoutMs} ms:\n${output()}`);
    await sleep(100);
  }
}

/**
 * Every process group this run started. On any exit, a crash included, they are sent SIGTERM, so a
 * benchmark that fails never leaves a server behind.
 */
const children = new Set();
process.on('exit', () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM'); // our own process group (detached), nothing else
  } catch {
    return Promise.resolve();
  }
  const force = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, 5_000);
  return exited.finally(() => clearTimeout(force));
}

/**
 * A node script as a server in its own process group (stopped with the benchmark), once `readyUrl`
 * answers; its stdout and stderr are kept for the error if it exits or never answers.
 */
async function spawnServer(what, args, { cwd = ROOT, env = process.env, readyUrl }) {
  const child = track(spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await waitFor(readyUrl, what, child, () => output);
  return { child, output: () => output };
}

/** The scripted test upstream (e2e/upstream/server.mjs) in a process of its own, driven over HTTP. */
export async function startUpstream() {
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  const { child } = await spawnServer('test upstream', ['e2e/upstream/server.mjs', '--port', String(port), '--host', HOST], {
    readyUrl: `${origin}/__health`,
  });
  const control = async (route, body) => {
    const response = await fetch(`${origin}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`upstream ${route}: ${JSON.stringify(json)}`);
    return json;
  };
  return {
    origin,
    url: `${origin}/v1`,
    pid: child.pid,
    script: (steps) => control('/__script', { steps }),
    reset: () => control('/__reset'),
    /** What it received so far (RecordedRequest[], e2e/upstream/types.d.ts). */
    requests: async () => (await fetch(`${origin}/__requests`)).json(),
    close: () => stopChild(child),
  };
}

/** Children of a pid, from /proc. */
function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** The process that serves HTTP: the one titled `next-server (v…)` under `next start`, else the last one found. */
function findServerPid(rootPid) {
  const queue = [rootPid];
  const seen = [];
  while (queue.length) {
    const pid = queue.shift();
    seen.push(pid);
    if (/^next-server/.test(commandLine(pid))) return pid;
    queue.push(...childrenOf(pid));
  }
  return seen[seen.length - 1];
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}

/** CPU time (user + system, every thread) a process has used, in ms; 10 ms resolution. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ on Linux
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * The build in DIST_DIR served by `next start` (what `npm start` runs), the upstream as the provider
 * and no rate limit.
 * `appDir`: another copy of the app with its own build (before/after comparisons).
 * `nodeArgs` go to node itself (e.g. `--cpu-prof`, `--inspect`; both apply to the serving process).
 */
export async function startApp({ upstreamUrl, env = {}, nodeArgs = [], appDir = ROOT } = {}) {
  if (appDir !== ROOT) {
    if (!existsSync(path.join(appDir, DIST_DIR, 'BUILD_ID'))) throw new Error(`No production build in ${path.join(appDir, DIST_DIR)}.`);
  } else if (!process.env.NEXT_DIST_DIR) {
    // The bench's own build, made again when the source has changed since (an old build measures old code).
    const { benchBuildIsCurrent, buildForBench } = await import('../build.mjs');
    if (!benchBuildIsCurrent()) buildForBench();
  } else if (!existsSync(path.join(appDir, DIST_DIR, 'BUILD_ID'))) {
    throw new Error(`No production build in ${DIST_DIR} (NEXT_DIST_DIR): build it first.`);
  }
  const port = await freePort();
  const childEnv = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: DIST_DIR };
  for (const name of Object.keys(childEnv)) if (/^(AIML_|PLAYGROUND_|SIMULATOR_)/.test(name)) delete childEnv[name];
  Object.assign(childEnv, {
    AIML_API_KEY: SENTINEL_KEY,
    AIML_API_BASE_URL: upstreamUrl ?? 'http://127.0.0.1:9/v1',
    PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const entry = [path.join(appDir, 'node_modules/next/dist/bin/next'), 'start'];
  const url = `http://${HOST}:${port}`;
  const { child, output } = await spawnServer('next start', [...nodeArgs, ...entry, '-p', String(port), '-H', HOST], {
    cwd: appDir,
    env: childEnv,
    readyUrl: `${url}/api/v1/models`,
  });
  return {
    url,
    port,
    rootPid: child.pid,
    serverPid: findServerPid(child.pid),
    output,
    stop: () => stopChild(child),
  };
}

/**
 * bench/lib/floor-proxy.mjs in its own process, in front of the upstream: the reference for what a
 * bare Node pass-through proxy adds on this machine. Its chat endpoint is at `url` + CHAT_PATH.
 */
export async function startFloorProxy({ upstreamUrl }) {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const { child } = await spawnServer('floor proxy', ['bench/lib/floor-proxy.mjs', '--port', String(port), '--upstream', upstreamUrl], {
    env: { ...process.env, AIML_API_KEY: SENTINEL_KEY },
    readyUrl: url,
  });
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

/** A keep-alive agent; each benchmark gives both paths (direct, proxied) their own, configured alike. */
export function keepAliveAgent(maxSockets = 256) {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
}

/**
 * One POST with node:http. Resolves with status, the body text, and timings in ms from the moment the
 * request was issued: first body byte (`ttfb`), first SSE `data:` event (`ttft`), end (`total`).
 */
export function post(url, body, { agent, headers = {}, timeoutMs = 30_000 } = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const target = new URL(url);
  if (target.hostname !== HOST) throw new Error(`benchmarks talk to ${HOST} only, not ${target.hostname}`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb;
    let ttft;
    const parts = [];
    const req = http.request(
      {
        host: HOST,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        res.on('data', (data) => {
          const now = performance.now();
          if (ttfb === undefined) ttfb = now - t0;
          if (ttft === undefined && data.includes('data:')) ttft = now - t0;
          parts.push(data);
        });
        res.on('end', () => {
          resolve({ status: res.statusCode, text: Buffer.concat(parts).toString('utf8'), ttfb, ttft, total: performance.now() - t0 });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `fn` with a deadline: the benchmark stops by itself even if something hangs. */
export function withDeadline(ms, what) {
  const timer = setTimeout(() => {
    log(`${what}: deadline of ${ms / 1000} s reached, stopping`);
    process.exitCode = 2;
    for (const hook of cleanups.splice(0)) hook().catch(() => {});
    setTimeout(() => process.exit(2), 5_000).unref();
  }, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

const cleanups = [];
/** Registers a cleanup run on exit, on a signal and at the deadline. */
export function onCleanup(hook) {
  cleanups.push(hook);
}
export async function cleanup() {
  for (const hook of cleanups.splice(0).reverse()) await hook().catch((e) => log(`cleanup: ${e.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup().finally(() => process.exit(130));
  });
}
