/**
 * The least any Node proxy does, as a reference path for bench:proxy: node:http in, the body forwarded
 * with the key injected, the answer piped back chunk by chunk over a keep-alive agent. No validation,
 * no SDK, no normalization, no security headers. What it adds over a direct call is what the machine
 * and Node charge for one more hop; the app's figure minus this one is the app's own work.
 *
 *   node bench/lib/floor-proxy.mjs --port 4100 --upstream http://127.0.0.1:4010/v1
 */
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { port: { type: 'string' }, upstream: { type: 'string' } } });
const upstream = new URL(`${args.upstream.replace(/\/$/, '')}/chat/completions`);
const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
const key = process.env.AIML_API_KEY ?? '';

const server = http.createServer((req, res) => {
  if (req.method === 'GET') return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('floor proxy');
  const parts = [];
  req.on('data', (chunk) => parts.push(chunk));
  req.on('end', () => {
    const body = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const forward = http.request(
      upstream,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, Authorization: `Bearer ${key}` },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { 'Content-Type': answer.headers['content-type'] ?? 'application/json' });
        answer.on('data', (chunk) => res.write(chunk));
        answer.on('end', () => res.end());
        answer.on('error', () => res.destroy());
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    forward.end(body);
  });
});
server.listen(Number(args.port), '127.0.0.1', () => console.log(`floor proxy on ${args.port}`));
