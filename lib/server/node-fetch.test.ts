import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch, InflateLimitError } from './node-fetch';
import { fromUpstreamError, keepErrorBodies, streamCutOff } from './upstream-errors';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real local server; each test installs its handler. */
let handler: Handler = (_req, res) => res.end('no handler');
let server: http.Server;
let origin = '';
const closed: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => handler(req, res, Buffer.concat(parts).toString('utf8')));
    res.on('close', () => {
      if (!res.writableFinished) closed.push(req.url ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const nodeFetch = createNodeFetch();
const client = (timeout?: number) =>
  new OpenAI({ apiKey: 'sk-node-fetch-test-0000', baseURL: `${origin}/v1`, fetch: keepErrorBodies(nodeFetch), maxRetries: 0, ...(timeout ? { timeout } : {}) });
const ask = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
const errorOpts = { secrets: ['sk-node-fetch-test-0000'], timeoutMs: 50 };

async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('createNodeFetch', () => {
  it('sends method, headers and body, and returns status, headers and body', async () => {
    let seen: { method?: string; headers?: http.IncomingHttpHeaders; body?: string } = {};
    handler = (req, res, body) => {
      seen = { method: req.method, headers: req.headers, body };
      res.writeHead(201, 'Made', [['content-type', 'application/json'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-request-id', 'req_1']]);
      res.end('{"ok":true}');
    };
    const response = await nodeFetch(`${origin}/echo?q=1`, { method: 'post', headers: { 'Content-Type': 'application/json', 'X-A': 'b' }, body: '{"é":1}' });
    expect(seen.method).toBe('POST');
    expect(seen.headers?.['x-a']).toBe('b');
    expect(seen.headers?.['content-length']).toBe(String(Buffer.byteLength('{"é":1}')));
    expect(seen.body).toBe('{"é":1}');
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Made');
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-request-id')).toBe('req_1');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('through the openai SDK: a completion, and the request carries the key', async () => {
    let auth: string | undefined;
    handler = (req, res) => {
      auth = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_sdk' });
      res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices: [] }));
    };
    const response = await client().chat.completions.create(ask).asResponse();
    expect(auth).toBe('Bearer sk-node-fetch-test-0000');
    expect(response.headers.get('x-request-id')).toBe('req_sdk');
    expect(await response.json()).toMatchObject({ id: 'c1' });
  });

  it('streams the body as it arrives, before the server ends it', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      void released.then(() => res.end('data: 2\n\n'));
    };
    const response = await nodeFetch(`${origin}/stream`, { method: 'POST', body: '{}' });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe('data: 1\n\n');
    release();
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += Buffer.from(value).toString();
    }
    expect(rest).toBe('data: 2\n\n');
  });

  it('keeps connections alive between calls', async () => {
    const ports = new Set<number>();
    handler = (req, res) => {
      ports.add(req.socket.remotePort!);
      res.end('x');
    };
    for (let i = 0; i < 5; i++) await (await nodeFetch(`${origin}/ka`)).text();
    expect(ports.size).toBe(1);
  });

  it('an answer slower than the idle-socket timeout is not cut (the timeout is for idle sockets only)', async () => {
    handler = (_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: 1\n\n');
        setTimeout(() => res.end('data: 2\n\n'), 300);
      }, 300);
    };
    const impatient = createNodeFetch({ freeSocketTimeoutMs: 100 });
    await (await impatient(`${origin}/warm`)).text(); // a kept-alive socket, reused below
    const response = await impatient(`${origin}/slow`, { method: 'POST', body: '{}' });
    expect(await response.text()).toBe('data: 1\n\ndata: 2\n\n');
  });

  it('decodes a gzip body as fetch does', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync('{"zipped":true}'));
    };
    expect(await (await nodeFetch(`${origin}/gz`)).json()).toEqual({ zipped: true });
  });

  it('stops a compressed body that inflates past maxDecodedBytes; a plain one is not counted', async () => {
    const member = gzipSync(Buffer.alloc(1 << 20, 'a'));
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', ...(req.url === '/bomb' ? { 'content-encoding': 'gzip' } : {}) });
      if (req.url === '/bomb') for (let i = 0; i < 400; i++) res.write(member); // 400 MB from 400 KB
      res.end(req.url === '/bomb' ? undefined : 'x'.repeat(3 << 20));
    };
    const limited = createNodeFetch({ maxDecodedBytes: 2 << 20 });
    const error = await thrown(() => limited(`${origin}/bomb`).then((r) => r.arrayBuffer()));
    expect(error).toBeInstanceOf(InflateLimitError);
    expect(error).toMatchObject({ max: 2 << 20 });
    expect((await (await limited(`${origin}/plain`)).text()).length).toBe(3 << 20);
  });

  it('returns a null body for 204', async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const response = await nodeFetch(`${origin}/none`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('a status the Response class refuses is a failed fetch, not a crash', async () => {
    handler = (_req, res) => {
      res.writeHead(600, { 'content-type': 'text/plain' });
      res.end('odd');
    };
    const error = (await thrown(() => nodeFetch(`${origin}/odd`))) as Error;
    expect(error.message).toBe('fetch failed');
  });

  it('keeps error bodies: the SDK error carries the provider words, mapped as before', async () => {
    handler = (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 403, message: "You've run out of credits" }));
    };
    const error = await thrown(() => client().chat.completions.create(ask).asResponse());
    const mapped = fromUpstreamError(error, errorOpts);
    expect(mapped.status).toBe(403);
    expect(mapped.body.error.message).toContain("You've run out of credits");
  });

  it('an abort before the answer rejects with an AbortError and closes the request', async () => {
    handler = () => {}; // never answers
    const controller = new AbortController();
    const pending = nodeFetch(`${origin}/hang-abort`, { method: 'POST', body: '{}', signal: controller.signal });
    await delay(30);
    controller.abort();
    const error = (await thrown(() => pending)) as Error;
    expect(error.name).toBe('AbortError');
    await delay(50);
    expect(closed).toContain('/hang-abort');
  });

  it('an already aborted signal rejects at once', async () => {
    const error = (await thrown(() => nodeFetch(`${origin}/x`, { signal: AbortSignal.abort() }))) as Error;
    expect(error.name).toBe('AbortError');
  });

  it('through the SDK: the user abort and the timeout map as with the built-in fetch', async () => {
    handler = () => {};
    const controller = new AbortController();
    const pending = client().chat.completions.create(ask, { signal: controller.signal }).asResponse();
    await delay(20);
    controller.abort();
    expect(fromUpstreamError(await thrown(() => pending), errorOpts).body.error.code).toBe('client_closed_request');
    const timedOut = await thrown(() => client(50).chat.completions.create(ask).asResponse());
    const mapped = fromUpstreamError(timedOut, errorOpts);
    expect(mapped.status).toBe(504);
    expect(mapped.body.error.code).toBe('upstream_timeout');
  });

  it('an abort after the answer errors the body and closes the connection', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
    };
    const controller = new AbortController();
    const response = await nodeFetch(`${origin}/abort-body`, { method: 'POST', body: '{}', signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    const error = (await thrown(() => reader.read())) as Error;
    expect(error.name).toBe('AbortError');
    await delay(50);
    expect(closed).toContain('/abort-body');
  });

  it('cancelling the body closes the connection', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
    };
    const response = await nodeFetch(`${origin}/cancel-body`, { method: 'POST', body: '{}' });
    await response.body!.cancel();
    await delay(50);
    expect(closed).toContain('/cancel-body');
  });

  it('a body cut short errors as "terminated", which maps to the cut-off error', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n', () => setTimeout(() => res.socket?.destroy(), 10));
    };
    const response = await nodeFetch(`${origin}/cut`, { method: 'POST', body: '{}' });
    const error = await thrown(() => response.text());
    expect((error as Error).message).toBe('terminated');
    expect(fromUpstreamError(error, errorOpts)).toEqual(streamCutOff());
  });

  it('a refused connection rejects as "fetch failed" with the cause, which maps to upstream_unreachable', async () => {
    const spare = http.createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const port = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const error = (await thrown(() => nodeFetch(`http://127.0.0.1:${port}/v1/x`, { method: 'POST', body: '{}' }))) as Error & { cause?: { code?: string } };
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect(error.cause?.code).toBe('ECONNREFUSED');
    const sdk = new OpenAI({ apiKey: 'k', baseURL: `http://127.0.0.1:${port}/v1`, fetch: keepErrorBodies(nodeFetch), maxRetries: 0 });
    const mapped = fromUpstreamError(await thrown(() => sdk.chat.completions.create(ask).asResponse()), { ...errorOpts, baseURL: `http://127.0.0.1:${port}/v1` });
    expect(mapped.status).toBe(502);
    expect(mapped.body.error.code).toBe('upstream_unreachable');
    expect(mapped.body.error.message).toContain('refused');
  });

  it('sends again once when a kept-alive socket was closed by the server meanwhile', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls += 1;
      res.end('ok');
    };
    expect(await (await nodeFetch(`${origin}/first`)).text()).toBe('ok');
    // The server drops its idle connections without the client noticing first.
    server.closeIdleConnections();
    expect(await (await nodeFetch(`${origin}/second`, { method: 'POST', body: '{}' })).text()).toBe('ok');
    expect(calls).toBe(2);
  });
});

describe('createNodeFetch, the body', () => {
  it('the connection is reused after a body was read', async () => {
    const ports = new Set<number>();
    handler = (req, res) => {
      ports.add(req.socket.remotePort!);
      res.end('x');
    };
    for (let i = 0; i < 3; i++) expect(await (await nodeFetch(`${origin}/body-ka`)).text()).toBe('x');
    expect(ports.size).toBe(1);
  });

  it('a cut body errors as "terminated", also when it was cut before the read began', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n', () => setTimeout(() => res.socket?.destroy(), 10));
    };
    const late = await nodeFetch(`${origin}/body-cut`, { method: 'POST', body: '{}' });
    await delay(60);
    await expect(late.text()).rejects.toThrow('terminated');
    const early = await nodeFetch(`${origin}/body-cut`, { method: 'POST', body: '{}' });
    await expect(early.text()).rejects.toThrow('terminated');
  });

  it('a large body read slowly arrives whole and in order (the socket waits for the reader)', async () => {
    const pieces = Array.from({ length: 400 }, (_, i) => `${String(i).padStart(4, '0')}${'x'.repeat(4096)}`);
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const next = (i: number): void => {
        if (i === pieces.length) return void res.end();
        if (res.write(pieces[i])) next(i + 1);
        else res.once('drain', () => next(i + 1));
      };
      next(0);
    };
    const reader = (await nodeFetch(`${origin}/body-large`)).body!.getReader();
    const parts: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      if (parts.length % 20 === 0) await delay(5);
    }
    expect(Buffer.concat(parts).toString()).toBe(pieces.join(''));
  });
});

describe('createNodeFetch over HTTPS', () => {
  let dir = '';
  let secure: https.Server | undefined;
  let ca = '';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'node-fetch-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
    } catch {
      return; // no openssl here: the HTTPS cases are skipped below
    }
    ca = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    secure = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: ca }, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ secure: true, path: req.url }));
    });
    await new Promise<void>((resolve) => secure!.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    if (secure) {
      secure.closeAllConnections();
      await new Promise((resolve) => secure!.close(resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('talks HTTPS to a server it trusts', async (ctx) => {
    if (!secure) return ctx.skip();
    const port = (secure.address() as AddressInfo).port;
    const trusting = createNodeFetch({ tls: { ca } });
    expect(await (await trusting(`https://127.0.0.1:${port}/v1/x`)).json()).toEqual({ secure: true, path: '/v1/x' });
  });

  it('refuses a certificate it does not trust, mapped as a TLS failure', async (ctx) => {
    if (!secure) return ctx.skip();
    const port = (secure.address() as AddressInfo).port;
    const error = await thrown(() => createNodeFetch()(`https://127.0.0.1:${port}/v1/x`));
    const mapped = fromUpstreamError(new OpenAI.APIConnectionError({ cause: error as Error }), errorOpts);
    expect(mapped.body.error.code).toBe('upstream_unreachable');
    expect(mapped.body.error.message).toMatch(/TLS certificate/);
  });
});
