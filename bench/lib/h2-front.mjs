/**
 * An HTTP/2 front for the app, as a deployment puts one before `next start` (a CDN, an ingress, nginx):
 * TLS with a throwaway self-signed certificate for 127.0.0.1 (openssl), every request passed on to the
 * app over keep-alive HTTP/1.1, streamed both ways. Over HTTP/1.1 a browser opens at most 6
 * connections to one origin, so a page with more model calls in flight than that queues them; over
 * HTTP/2 they share one connection. In-process; loopback only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { HOST } from './paths.mjs';

/** Headers that belong to one hop (RFC 9113 §8.2.2) or to HTTP/2 itself. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'host', 'http2-settings']);

function passable(headers) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':') && !HOP.has(name.toLowerCase())));
}

function certificate() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'h2-front-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`, '-days', '1', '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=IP:${HOST}`], { stdio: 'ignore' });
    return { key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `target`: the app's origin, e.g. http://127.0.0.1:3000. Resolves to the front's https origin. */
export async function startH2Front({ target }) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http2.createSecureServer({ ...certificate(), allowHTTP1: true }, (req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, agent, // The page's own host, so that the app's same-origin check sees its page.
        headers: { ...passable(req.headers), host: req.headers[':authority'] ?? req.headers.host ?? upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, passable(answer.headers));
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.on('aborted', () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.address();
  return {
    url: `https://${HOST}:${port}`,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
