import 'server-only';
import { boundedText } from '@/lib/util/bounded-text';
/**
 * The bounds on what the proxy takes from the provider (lib/server/env.ts names them): a stream's
 * line and event, a plain body, what a compressed body inflates to, how deep its JSON nests, and a
 * stream's whole duration. Each overflow is an error for a person that names its limit and the
 * variable that sets it, so an operator with a legitimately large provider knows what to raise.
 */
import { apiError, type ApiErrorResult } from '@/lib/wire/api-error';
import { MAX_JSON_DEPTH } from '@/lib/wire/json-depth';
import { SseLimitError } from '@/lib/wire/sse';
import { isRecord } from '@/lib/util/json';
import { InflateLimitError } from './node-fetch';

export type LimitCode = 'upstream_too_large' | 'upstream_too_deep';

/** A bound was passed: the reply cannot be read, and this says which bound. */
export class UpstreamLimitError extends Error {
  constructor(
    message: string,
    readonly code: LimitCode,
  ) {
    super(message);
    this.name = 'UpstreamLimitError';
  }
}

const onProvider = (variable: string) => `This is on the provider's side: retry, pick another model, or raise ${variable} on the server if its replies are this large.`;

export const lineTooLong = (max: number) =>
  new UpstreamLimitError(`The model provider sent a stream line longer than ${max} characters (AIML_API_MAX_LINE_CHARS), so the reply was stopped. ${onProvider('AIML_API_MAX_LINE_CHARS')}`, 'upstream_too_large');

export const eventTooLarge = (max: number) =>
  new UpstreamLimitError(`The model provider sent a stream event larger than ${max} characters (AIML_API_MAX_EVENT_CHARS), so the reply was stopped. ${onProvider('AIML_API_MAX_EVENT_CHARS')}`, 'upstream_too_large');

export const bodyTooLarge = (max: number) =>
  new UpstreamLimitError(`The model provider's reply is larger than ${max} bytes (AIML_API_MAX_BODY_BYTES), so it was not read to its end. ${onProvider('AIML_API_MAX_BODY_BYTES')}`, 'upstream_too_large');

export const inflatesTooLarge = (max: number) =>
  new UpstreamLimitError(`The model provider's compressed reply inflates to more than ${max} bytes (AIML_API_MAX_DECODED_BYTES), so it was stopped. ${onProvider('AIML_API_MAX_DECODED_BYTES')}`, 'upstream_too_large');

/** `what`: "a reply", "a stream event", "an error reply (400)". */
export const tooDeep = (what: string) =>
  new UpstreamLimitError(`The model provider sent ${what} whose JSON is nested deeper than ${MAX_JSON_DEPTH} levels, so it cannot be read. Retry, or pick another model.`, 'upstream_too_deep');

/** The 504 of a stream that went on past AIML_API_STREAM_TIMEOUT_MS, however busy. */
export const streamTooLong = (ms: number): ApiErrorResult =>
  apiError(504, `The model provider's stream went on for more than ${ms} ms (AIML_API_STREAM_TIMEOUT_MS), so it was stopped. The partial reply is kept; ask for a shorter reply, or raise AIML_API_STREAM_TIMEOUT_MS on the server.`, {
    code: 'upstream_timeout',
  });

/** The limit error among `err` and its causes (the SDK wraps a failed fetch's error as its cause), if any. */
export function limitError(err: unknown): UpstreamLimitError | undefined {
  for (let e = err, depth = 0; isRecord(e) && depth < 5; e = e.cause, depth++) {
    if (e instanceof UpstreamLimitError) return e;
    if (e instanceof SseLimitError) return e.limit === 'line' ? lineTooLong(e.max) : eventTooLarge(e.max);
    if (e instanceof InflateLimitError) return inflatesTooLarge(e.max);
  }
  return undefined;
}

export function limitResult(error: UpstreamLimitError): ApiErrorResult {
  return apiError(502, error.message, { code: error.code });
}

/**
 * A body as text, refusing more than `maxBytes` (0: no bound) without holding more: past it, the body
 * is cancelled (the connection closes) and UpstreamLimitError is thrown.
 */
export async function readBodyText(response: Response, maxBytes: number): Promise<string> {
  const text = await boundedText(response, maxBytes > 0 ? maxBytes : Infinity);
  if (text === null) throw bodyTooLarge(maxBytes);
  return text;
}
