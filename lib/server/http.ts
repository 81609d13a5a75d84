import 'server-only';
import { LIMITS } from '@/lib/wire/chat';
import { apiError, type ApiErrorResult } from './upstream-errors';

/**
 * What an API call answers, independent of the server that sends it: a Next route handler turns it into
 * a web Response (`toWebResponse`), the node:http fast path writes it to the socket (lib/server/node-chat).
 */
export type Reply = { status: number; headers: Record<string, string> } & ({ body: string } | { stream: ReplyStream });

/** Starts writing a streamed body to `sink`; the function it returns stops it (the client went away). */
export type ReplyStream = (sink: ReplySink) => () => void;

export interface ReplySink {
  write(text: string): void;
  end(): void;
}

/** The request headers, as web `Headers` reads them (node:http's are adapted to this). */
export interface HeaderSource {
  get(name: string): string | null;
}

/** A request body that is read at most once, up to a limit. */
export interface IncomingBody {
  /** The declared Content-Length, NaN when absent. */
  declaredLength: number;
  /** The body as UTF-8 text, or null when it turned out longer than `limit` bytes (reading stops there). */
  text(limit: number): Promise<string | null>;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

export function jsonReply(status: number, json: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: json };
}

/** The OpenAI error shape, with the error's status and headers (e.g. Retry-After). */
export function errorReply(error: ApiErrorResult): Reply {
  return jsonReply(error.status, JSON.stringify(error.body), error.headers);
}

/** A JSON response in the OpenAI error shape. */
export function errorResponse(error: ApiErrorResult): Response {
  return toWebResponse(errorReply(error));
}

const encoder = new TextEncoder();

export function toWebResponse(reply: Reply): Response {
  const init = { status: reply.status, headers: reply.headers };
  if ('body' in reply) return new Response(reply.body, init);
  const start = reply.stream;
  let stop: (() => void) | undefined;
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = start({
        write: (text) => void (open && controller.enqueue(encoder.encode(text))),
        end: () => {
          if (!open) return;
          open = false;
          controller.close();
        },
      });
    },
    cancel() {
      open = false;
      stop?.();
    },
  });
  return new Response(stream, init);
}

/** A web request's body (Next route handlers). */
export function webBody(request: Request): IncomingBody {
  return {
    declaredLength: Number(request.headers.get('content-length') ?? NaN),
    async text(limit) {
      if (!request.body) return '';
      const reader = request.body.getReader();
      const parts: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limit) {
          await reader.cancel();
          return null;
        }
        parts.push(value);
      }
      return Buffer.concat(parts).toString('utf8');
    },
  };
}

/**
 * Reads a JSON body, refusing more than `limit` bytes without buffering them (a missing or lying
 * Content-Length is checked while reading).
 */
export async function readJsonBody(
  body: IncomingBody,
  limit: number = LIMITS.maxBodyBytes,
): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiErrorResult }> {
  const tooLarge = () =>
    apiError(413, `The request body is larger than ${limit} bytes. Send fewer or shorter messages or tools.`, {
      code: 'request_too_large',
    });
  if (body.declaredLength > limit) return { ok: false, error: tooLarge() };
  const text = await body.text(limit);
  if (text === null) return { ok: false, error: tooLarge() };
  if (text === '') return { ok: false, error: apiError(400, 'The request has no body: send a JSON object.') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: apiError(400, 'The request body is not valid JSON.', { code: 'invalid_json' }) };
  }
}
