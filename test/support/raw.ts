/**
 * One HTTP request with what `fetch` will not do: a chosen source address (the loopback network is a
 * /8 on Linux, so 127.0.0.2, 127.0.0.3, … are distinct clients of a server on 127.0.0.1) and any
 * `Host` header. For tests of what the server keys on and what it accepts.
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client's address, e.g. '127.0.0.2'. */
  from?: string;
}

export function raw(url: string, { method = 'GET', headers = {}, body, from }: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method, headers, localAddress: from, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const JSON_TYPE = { 'content-type': 'application/json' };

/** A chat request the offline simulator answers at once. */
export const SIMPLE_CHAT = JSON.stringify({ model: 'offline-simulator', messages: [{ role: 'user', content: 'Hello' }] });

/** `count` requests, `concurrency` at a time, in order of sending; resolves to their responses. */
export async function many(count: number, concurrency: number, send: (i: number) => Promise<RawResponse>): Promise<RawResponse[]> {
  const out: RawResponse[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await send(i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export const statuses = (responses: RawResponse[]) =>
  responses.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
