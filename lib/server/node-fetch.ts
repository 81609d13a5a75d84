import 'server-only';
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/**
 * A small `fetch` for the upstream client, on node:http(s) with keep-alive agents. The openai SDK takes
 * a custom `fetch`, and the one it would use otherwise, inside a Next route handler, is Next's patched
 * global fetch (undici under Next's caching and tracing wrapper): measured through the route, that
 * costs 3.5 ms of server CPU per plain call against 2.4 with this one; outside Next, undici's own fetch
 * still costs 1.13 ms of CPU per SDK call against 0.78 (bench/RESULTS.md, notes). It does what the SDK
 * needs and nothing more:
 *
 * - http: and https: URLs (a `Request` object, or a streamed request body, goes to the global fetch);
 * - string / bytes request bodies; the response as a web `Response` whose body is a ReadableStream
 *   (streamed as it arrives, with backpressure; gzip/deflate/br bodies are decoded as fetch would, and
 *   past `maxDecodedBytes` of output the body errors with InflateLimitError: a few hundred KB of gzip
 *   can inflate to gigabytes);
 * - `AbortSignal`: before the answer the promise rejects with the signal's reason (the SDK's timeout and
 *   the client's disconnect both abort); after it, the body stream errors and the socket is destroyed;
 * - errors shaped as undici's, which lib/server/upstream-errors.ts maps: a failed connection rejects
 *   with `TypeError('fetch failed', { cause })` (cause carries the `code`, e.g. ECONNREFUSED), a body
 *   cut short errors with `TypeError('terminated', { cause })`.
 *
 * Redirects are not followed (an API base URL that redirects is a misconfiguration the 3xx names).
 */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface NodeFetchOptions {
  /** Idle keep-alive sockets are closed after this long (undici's default is 4 s). */
  freeSocketTimeoutMs?: number;
  /** Only for tests: the https agent's TLS options (e.g. a self-signed certificate authority). */
  tls?: https.AgentOptions;
  /** What a compressed body may inflate to, in bytes (0 or unset: no bound). */
  maxDecodedBytes?: number;
}

/** A compressed body inflated past `maxDecodedBytes`: it was stopped there. */
export class InflateLimitError extends Error {
  constructor(readonly max: number) {
    super(`the compressed body inflates to more than ${max} bytes`);
    this.name = 'InflateLimitError';
  }
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
/**
 * Bytes a body may hold unread before its socket is paused. In bytes, not chunks: a fast stream's reads
 * are a few KB each and fit many times over (no pause and resume per chunk), while a reader that has
 * stopped (a client that stopped reading) holds at most this much plus one read, not 16 reads of 64 KB.
 */
const BODY_QUEUE_BYTES = 128 * 1024;

export function createNodeFetch(options: NodeFetchOptions = {}): Fetch {
  const timeout = options.freeSocketTimeoutMs ?? 4_000;
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, timeout, scheduling: 'lifo', ...options.tls }),
  };

  return function nodeFetch(input, init = {}) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
    const body = init.body;
    const simpleBody = body == null || typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
    if (url === null || !simpleBody) return fetch(input, init);
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      return Promise.reject(new TypeError(`Invalid URL: ${url}`, { cause: error }));
    }
    const agent = target.protocol === 'http:' || target.protocol === 'https:' ? agents[target.protocol] : undefined;
    if (!agent) return fetch(input, init);
    const payload = body == null ? undefined : typeof body === 'string' ? Buffer.from(body) : body instanceof ArrayBuffer ? Buffer.from(body) : body;
    const headers = plainHeaders(init.headers);
    if (payload !== undefined && headers['content-length'] === undefined) headers['content-length'] = String(payload.byteLength);
    const method = (init.method ?? 'GET').toUpperCase();
    return send(target, agent, { method, headers, payload, signal: init.signal ?? undefined, maxDecodedBytes: options.maxDecodedBytes || Infinity }, true);
  };
}

interface Outgoing {
  method: string;
  headers: Record<string, string>;
  payload: Uint8Array | undefined;
  signal: AbortSignal | undefined;
  maxDecodedBytes: number;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function send(target: URL, agent: http.Agent, out: Outgoing, mayRetry: boolean): Promise<Response> {
  const { signal } = out;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise<Response>((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request(target, { method: out.method, headers: out.headers, agent });
    let answered = false;
    let onAbort: (() => void) | undefined;
    const settle = () => {
      if (onAbort) signal!.removeEventListener('abort', onAbort);
      onAbort = undefined;
    };

    request.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return; // the body stream reports it
      settle();
      if (signal?.aborted) return reject(abortReason(signal));
      // A keep-alive socket the server had closed while idle: it never saw the request, send it again.
      if (mayRetry && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        return resolve(send(target, agent, out, false));
      }
      reject(new TypeError('fetch failed', { cause: error }));
    });

    request.on('response', (res) => {
      answered = true;
      try {
        onResponse(res);
      } catch (error) {
        // e.g. a status or header the Response class refuses: a failed fetch, not a crashed server.
        settle();
        res.destroy();
        reject(new TypeError('fetch failed', { cause: error }));
      }
    });

    const onResponse = (res: http.IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const responseHeaders = new Headers();
      const raw = res.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) responseHeaders.append(raw[i], raw[i + 1]);
      if (out.method === 'HEAD' || NULL_BODY_STATUS.has(status)) {
        settle();
        res.resume();
        return resolve(new Response(null, { status, statusText: statusText(res), headers: responseHeaders }));
      }
      const source = decoded(res);
      let finished = false;
      const stop = () => {
        finished = true;
        settle();
        res.destroy();
        if (source !== res) source.destroy();
      };
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const fail = (error: unknown) => {
        if (finished) return;
        stop();
        controller.error(error);
      };
      const cut = (error?: Error) => {
        if (signal?.aborted) return fail(abortReason(signal));
        fail(new TypeError('terminated', { cause: error ?? new Error('the connection closed before the body ended') }));
      };
      const stream = new ReadableStream<Uint8Array>(
        {
          start(c) {
            controller = c;
            // What one socket read brought is one chunk of the body, not one per HTTP chunk (a fast
            // upstream's read holds dozens of SSE events, each in its own chunk): the parser hands
            // them over synchronously, so they are gathered until the microtask after the read.
            let gathered: Buffer[] = [];
            let inflated = source === res ? -Infinity : 0;
            const deliver = () => {
              if (finished || gathered.length === 0) return;
              controller.enqueue(gathered.length === 1 ? gathered[0] : Buffer.concat(gathered));
              gathered = [];
              // Backpressure only when the reader falls behind by a whole queue, not after every chunk
              // (pausing and resuming the socket per chunk costs more than the chunk itself).
              if ((controller.desiredSize ?? 1) <= 0) source.pause();
            };
            source.on('data', (chunk: Buffer) => {
              if (finished) return;
              inflated += chunk.length;
              if (inflated > out.maxDecodedBytes) return fail(new InflateLimitError(out.maxDecodedBytes));
              if (gathered.length === 0) queueMicrotask(deliver);
              gathered.push(chunk);
            });
            source.on('end', () => {
              deliver();
              if (finished) return;
              finished = true;
              settle();
              controller.close();
            });
            if (source !== res) source.on('error', cut);
            res.on('error', cut);
            res.on('close', () => {
              if (!res.complete) cut();
            });
          },
          pull() {
            if (source.isPaused()) source.resume();
          },
          cancel() {
            if (!finished) stop();
          },
        },
        { highWaterMark: BODY_QUEUE_BYTES, size: (chunk) => chunk.byteLength },
      );
      if (onAbort) {
        // From here on an abort ends the body, not the promise.
        signal!.removeEventListener('abort', onAbort);
        onAbort = () => fail(abortReason(signal!));
        signal!.addEventListener('abort', onAbort, { once: true });
      }
      resolve(new Response(stream, { status, statusText: statusText(res), headers: responseHeaders }));
    };

    if (signal) {
      onAbort = () => {
        settle();
        request.destroy();
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
    request.end(out.payload);
  });
}

/** The reason phrase when the Response class accepts it (HTTP allows more than it does), else none. */
function statusText(res: http.IncomingMessage): string {
  const text = res.statusMessage ?? '';
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(text) ? text : '';
}

/** The response body as fetch hands it over: decoded when the server compressed it anyway. */
function decoded(res: http.IncomingMessage): NodeJS.ReadableStream & { isPaused(): boolean; pause(): unknown; resume(): unknown; destroy(): unknown } {
  const coding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    coding === 'gzip' || coding === 'x-gzip'
      ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
      : coding === 'deflate'
        ? zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH })
        : coding === 'br'
          ? zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH })
          : undefined;
  return decoder ? res.pipe(decoder) : res;
}

function plainHeaders(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers) {
    headers.forEach((value, key) => {
      out[key] = value;
    });
  } else if (Array.isArray(headers)) {
    for (const [key, value] of headers) out[key.toLowerCase()] = value;
  } else {
    for (const key of Object.keys(headers)) out[key.toLowerCase()] = String((headers as Record<string, string>)[key]);
  }
  return out;
}
