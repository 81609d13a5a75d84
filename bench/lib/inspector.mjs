/**
 * A DevTools-protocol session with a process started with `--inspect=127.0.0.1:0`, e.g. to force a
 * full GC and read `process.memoryUsage()` inside the server (bench:load).
 */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `output` returns the server's output so far (its ws URL is printed there). Needs a global WebSocket:
 * Node 20 gives one under `--experimental-websocket` (the npm script passes it).
 */
export async function inspectorSession(output) {
  if (typeof WebSocket !== 'function') throw new Error('no WebSocket: run node with --experimental-websocket');
  const deadline = Date.now() + 10_000;
  let wsUrl;
  while (!(wsUrl = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(output())?.[0])) {
    if (Date.now() > deadline) throw new Error('no inspector URL in the server output');
    await sleep(100);
  }
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${wsUrl}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(JSON.stringify(message.error)));
    else waiter.resolve(message.result);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    send,
    /** Evaluates an expression in the server and returns its JSON value. */
    evaluate: async (expression) => (await send('Runtime.evaluate', { expression, returnByValue: true })).result.value,
    gc: () => send('HeapProfiler.collectGarbage'),
    close: () => ws.close(),
  };
}
