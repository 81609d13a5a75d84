/**
 * The hostile side of bench:load: clients that stop reading a stream, the page polled for its answer
 * time throughout, and the upstream steps that flood (e2e/upstream `flood`). Loopback only; every
 * client is closed by `close()` or the cleanup.
 */
import http from 'node:http';
import { HOST } from './paths.mjs';

/** Endless, already-conformant text chunks of about 1 KB each: what a stalled client is sent. */
export function endlessStreamStep(repeat) {
  const chunk = (delta) => JSON.stringify({ id: 'chatcmpl-stall', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] });
  return { kind: 'flood', prefix: `data: ${chunk({ role: 'assistant', content: '' })}\n\n`, fill: `data: ${chunk({ content: 's'.repeat(1_000) })}\n\n`, bytes: -1, repeat };
}

/** One SSE line of `bytes` characters of content, sent in 64 KB blocks `delayMs` apart (so it spans a round). */
export function hugeLineStep(bytes, delayMs) {
  const prefix = 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"';
  return { kind: 'flood', prefix, fill: 'L', bytes, suffix: '"},"finish_reason":null}]}\n\ndata: [DONE]\n\n', delayMs };
}

/**
 * A streamed chat whose client reads its first bytes and then stops reading (the socket stays open, as
 * a stalled browser tab's does). Resolves once it has stopped.
 */
export function stalledClient(url, body) {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: HOST, port: target.port, path: target.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.once('data', () => {
          res.pause();
          resolve({ status: res.statusCode, close: () => req.destroy() });
        });
        res.on('error', () => {});
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET `url` every `everyMs` (one at a time) until stopped: how long the page took to answer, each time. */
export function pollPage(url, everyMs = 100) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  /** When each request was sent (performance.now()), beside `times`. */
  const sent = [];
  const failures = [];
  let running = true;
  const once = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      sent.push(t0);
      const req = http.get({ host: HOST, port: target.port, path: target.pathname, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          times.push(performance.now() - t0);
          if (res.statusCode !== 200) failures.push(`GET ${target.pathname}: ${res.statusCode}`);
          resolve();
        });
      });
      req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
      req.on('error', (error) => {
        times.push(performance.now() - t0);
        failures.push(`GET ${target.pathname}: ${error.message}`);
        resolve();
      });
    });
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await once();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - started))));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
      return { times, sent, failures };
    },
  };
}
