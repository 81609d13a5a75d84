/**
 * `npm start`: the production server. Next serves the page and every route, except
 * POST /api/v1/chat/completions, which is answered here on node:http before Next's router (about a
 * millisecond less per call; bench/RESULTS.md) by the same endpoint code as the route handler
 * (lib/server/node-chat.ts, compiled by Next and handed over by instrumentation.ts).
 *
 *   node server.mjs [--port 3000] [--hostname 127.0.0.1]      (or PORT / HOSTNAME)
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { securityHeaders } from './security-headers.mjs';

process.env.NODE_ENV = 'production';
const { default: next } = await import('next');

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', short: 'p' },
    hostname: { type: 'string', short: 'H' },
  },
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
const hostname = args.hostname ?? process.env.HOSTNAME;

const CHAT_PATH = '/api/v1/chat/completions';
const CHAT_HANDLER_KEY = Symbol.for('function-calling-playground.serve-chat-completion');

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const serveChat = await chatHandler();
if (!serveChat) console.warn(`The chat fast path was not registered (instrumentation.ts): Next's route serves ${CHAT_PATH}.`);

/** Next runs instrumentation.ts while it prepares, without waiting for it: wait here, up to 10 s. */
async function chatHandler() {
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (globalThis[CHAT_HANDLER_KEY]) return globalThis[CHAT_HANDLER_KEY];
  }
  return undefined;
}

function isChatCall(req) {
  if (req.method !== 'POST' || !req.url.startsWith(CHAT_PATH)) return false;
  const rest = req.url.slice(CHAT_PATH.length);
  return rest === '' || rest.startsWith('?');
}

const server = createServer((req, res) => {
  if (serveChat && isChatCall(req)) {
    for (const { key, value } of securityHeaders) res.setHeader(key, value);
    serveChat(req, res);
  } else {
    handle(req, res);
  }
});

server.listen(port, hostname, () => {
  const chat = serveChat ? 'chat completions on the node:http fast path' : "chat completions through Next's route";
  console.log(`Function Calling Playground on http://${hostname ?? 'localhost'}:${port} (${chat})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    app.close().finally(() => process.exit(0));
  });
}
