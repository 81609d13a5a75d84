import 'server-only';
/**
 * Everything that can go wrong talking to the model provider, as an OpenAI error envelope with a
 * truthful status and a message for a person: what happened and what to do. The provider's own words
 * are kept (people need "You've run out of credits"); its headers (bar Retry-After) and secrets never are.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { apiError, CLIENT_CLOSED_REQUEST, readUpstreamError, type ApiErrorBody, type ApiErrorResult } from '@/lib/wire/api-error';
import { nestedDeeperThan } from '@/lib/wire/json-depth';
import type { Fetch } from './node-fetch';
import { UpstreamFormatError } from './normalize';
import { Redactor, redactSecrets } from './redact';
import { limitError, limitResult, readBodyText, tooDeep } from './upstream-limits';
import { isRecord } from '@/lib/util/json';
import { excerpt } from '@/lib/wire/excerpt';

export { redactSecrets } from './redact';

export { apiError, errorTypeForStatus, CLIENT_CLOSED_REQUEST } from '@/lib/wire/api-error';
export type { ApiErrorBody, ApiErrorObject, ApiErrorResult } from '@/lib/wire/api-error';

export interface UpstreamErrorOptions {
  /** Values that must never reach a client (the API key, the access token). */
  secrets: readonly string[];
  /** The upstream base URL: its host (never its path or query) names the provider in connection errors. */
  baseURL?: string;
  /** The SDK's timeout, quoted in the 504 message. */
  timeoutMs?: number;
}

/** A short excerpt of what the provider sent, for a message: redacted first, then cut. */
export function upstreamPreview(text: string, secrets: readonly string[] | Redactor): string {
  return excerpt(redactSecrets(text, secrets), 200) || '(empty)';
}

export const STREAM_CUT_MESSAGE =
  "The model's reply was cut off before it finished (the upstream closed the stream early). The partial reply is kept; retry to ask again.";

/** The error for a stream that ended (or broke) before `[DONE]`. */
export function streamCutOff(): ApiErrorResult {
  return apiError(502, STREAM_CUT_MESSAGE, { code: 'stream_incomplete' });
}

/**
 * The JSON payload of the SSE `data:` event sent when a stream fails after the headers went out. The
 * openai SDK throws an APIError carrying this `error` object when it reads it.
 */
export function streamErrorEvent(error: ApiErrorResult | ApiErrorBody): string {
  if (!('body' in error)) return JSON.stringify({ error: error.error });
  // `status` beside OpenAI's fields: the headers already said 200, so this is where the true one goes.
  return JSON.stringify({ error: { ...error.body.error, status: error.status } });
}

/** Whether a mapped error is the client's own disconnect: nothing should be sent. */
export function isClientAbort(error: ApiErrorResult): boolean {
  return error.status === CLIENT_CLOSED_REQUEST;
}


/**
 * A fetch for the openai client that keeps non-OpenAI error bodies readable. The SDK only reads
 * `body.error`, so the AI/ML API's `{message, statusCode, …}` (or FastAPI's `{detail}`) would become
 * "403 status code (no body)"; this wraps such JSON as `{error: body}`. Text and HTML pass unchanged.
 * A body past `maxBodyBytes`, or nested too deep, fails the fetch with UpstreamLimitError (the SDK
 * hands it on as the cause of its connection error; `fromUpstreamError` finds it there).
 */
export function keepErrorBodies(fetchImpl: Fetch = (input, init) => fetch(input, init), { maxBodyBytes = 0 }: { maxBodyBytes?: number } = {}): Fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.ok || response.body === null) return response;
    // Bounded like any reply (the SDK would read all of it), and bounded in depth (it walks the JSON).
    const text = await readBodyText(response, maxBodyBytes);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (nestedDeeperThan(json)) throw tooDeep(`an error reply (${response.status})`);
    // Wrap unless it is already OpenAI's envelope (NestJS's `{message, error: "Bad Request"}` is not).
    const wrap = json !== undefined && !(isRecord(json) && !Array.isArray(json) && isRecord(json.error));
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    const body = wrap ? JSON.stringify({ error: isRecord(json) && !Array.isArray(json) ? json : { message: JSON.stringify(json) } }) : text;
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** Maps what the openai SDK throws (or an upstream error payload) to the answer the proxy sends. */
export function fromUpstreamError(err: unknown, opts: UpstreamErrorOptions): ApiErrorResult {
  const redactor = new Redactor(opts.secrets);
  // The provider's own words are redacted before they are cut (a cut key is no longer found whole).
  const clean = (text: string) => redactSecrets(text, redactor);
  const result = classify(err, opts, clean);
  const error = result.body.error;
  error.message = clean(error.message);
  if (error.code !== null) error.code = cap(clean(error.code), 200);
  if (error.param !== null) error.param = cap(clean(error.param), 200);
  return result;
}

type Clean = (text: string) => string;

function classify(err: unknown, opts: UpstreamErrorOptions, clean: Clean): ApiErrorResult {
  const limit = limitError(err);
  if (limit) return limitResult(limit);
  // What is read of an error payload walks it: a payload nested too deep is refused first.
  if (nestedDeeperThan(err instanceof APIError ? err.error : err instanceof Error ? undefined : err)) return limitResult(tooDeep('an error'));
  const name = isRecord(err) ? err.name : undefined;
  if (err instanceof APIUserAbortError || name === 'AbortError' || name === 'ResponseAborted') {
    return apiError(CLIENT_CLOSED_REQUEST, 'The client disconnected, so the request to the model provider was cancelled.', {
      code: 'client_closed_request',
    });
  }
  if (err instanceof APIConnectionTimeoutError || name === 'TimeoutError') {
    const within = opts.timeoutMs ? `within ${opts.timeoutMs} ms` : 'in time';
    return apiError(504, `The model provider did not answer ${within}. It may be overloaded: retry, pick another model, or raise the server's timeout.`, {
      code: 'upstream_timeout',
    });
  }
  if (err instanceof APIConnectionError || (err instanceof TypeError && /fetch failed/i.test(err.message))) {
    return connectionError(err, opts);
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    return fromStatus(err.status, err.error, err.message, err.headers, clean, opts.secrets);
  }
  if (err instanceof APIError && err.error !== undefined) return fromPayload({ error: err.error }, clean); // e.g. read from a stream
  if (err instanceof UpstreamFormatError) {
    return err.upstreamError ? fromPayload(err.upstreamError, clean) : apiError(502, clean(err.message), { code: 'upstream_malformed' });
  }
  if (err instanceof Error) {
    // undici's "terminated": the upstream closed the body while it was being read.
    if (/^terminated$/i.test(err.message) || causeCode(err) === 'UND_ERR_SOCKET') return streamCutOff();
    return apiError(502, `Talking to the model provider failed: ${cap(clean(err.message), 500)}. Retry; if it keeps failing, check the server log.`, {
      code: 'upstream_error',
    });
  }
  return fromPayload(err, clean);
}

function causeCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; isRecord(e) && depth < 5; e = e.cause, depth++) if (typeof e.code === 'string') return e.code;
  return undefined;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (nothing listens there)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the DNS lookup failed',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
};

function connectionError(err: unknown, opts: UpstreamErrorOptions): ApiErrorResult {
  const code = causeCode(err);
  let host: string | undefined;
  try {
    host = opts.baseURL ? new URL(opts.baseURL).host : undefined; // host only: no path, query or user info
  } catch {
    host = undefined;
  }
  for (let e = err, depth = 0; !host && isRecord(e) && depth < 5; e = e.cause, depth++) {
    if (typeof e.hostname === 'string') host = e.hostname;
    else if (typeof e.address === 'string') host = typeof e.port === 'number' ? `${e.address}:${e.port}` : e.address;
  }
  const reason = code ? (REASONS[code] ?? (/CERT|TLS|SSL/.test(code) ? `its TLS certificate was not accepted (${code})` : `the connection failed (${code})`)) : 'the connection failed';
  return apiError(502, `Could not reach the model provider${host ? ` at ${host}` : ''}: ${reason}. Check AIML_API_BASE_URL and the server's network, then retry.`, {
    code: 'upstream_unreachable',
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

const HINTS: Array<[(s: number) => boolean, string]> = [
  [(s) => s === 401, 'Check AIML_API_KEY on the server (missing, mistyped, revoked, or for another provider), then retry.'],
  [(s) => s === 402, 'Top up the account behind AIML_API_KEY, then retry.'],
  [(s) => s === 403, 'Check the account behind AIML_API_KEY (credits, access to this model), then retry.'],
  [(s) => s === 404, 'Check the model id, and that AIML_API_BASE_URL points at an OpenAI-compatible /v1 endpoint.'],
  [(s) => s === 413, 'Shorten the conversation or the tools, then retry.'],
  [(s) => s >= 500, "This is on the provider's side: retry in a moment, or pick another model."],
  [(s) => s >= 400, 'Change the request (model, messages, tools or parameters), then retry.'],
];
const hintFor = (status: number, retryAfter?: string) =>
  status === 429
    ? `Wait ${retryAfter && /^\d+$/.test(retryAfter) ? `${retryAfter} s` : 'a moment'}, then retry.`
    : (HINTS.find(([test]) => test(status))?.[1] ?? 'Retry.');

const LEADS: Record<number, string> = {
  401: "The model provider rejected the server's API key",
  402: 'The model provider asks for payment',
  403: 'The model provider refused the request',
  404: 'The model provider found no such model or endpoint',
  413: 'The model provider found the request too large',
  429: 'The model provider is rate-limiting requests',
};
const leadFor = (s: number) => `${LEADS[s] ?? (s >= 500 ? 'The model provider failed' : s === 400 || s === 422 ? 'The model provider rejected the request' : 'The model provider answered')} (${s})`;

/** Ends a quoted upstream text with a full stop so the hint reads as the next sentence. */
const sentence = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);
const cap = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function decodeEntities(s: string): string {
  const map: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };
  return s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => map[e]);
}

/** HTTP's two forms: delay-seconds, or an HTTP-date such as `Wed, 21 Oct 2015 07:28:00 GMT`. */
const RETRY_AFTER = /^(\d{1,9}|(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT)$/;

/** The provider's Retry-After when it is one (anything else, an echoed key say, is never passed on). */
function retryAfterOf(headers: unknown, secrets: readonly string[] = []): string | undefined {
  const raw = headers instanceof Headers ? headers.get('retry-after') : isRecord(headers) ? headers['retry-after'] : undefined;
  const value = typeof raw === 'string' ? raw.trim() : '';
  return RETRY_AFTER.test(value) && !new Redactor(secrets).has(value) ? value : undefined;
}

/** An upstream HTTP error: its status (or the AI/ML API's `statusCode`) and its own message, kept. */
function fromStatus(httpStatus: number, errorField: unknown, sdkMessage: string, headers: unknown, clean: Clean, secrets: readonly string[]): ApiErrorResult {
  let text: string | undefined;
  let code: string | null = null;
  let param: string | null = null;
  let status = httpStatus;
  if (isRecord(errorField)) {
    const info = readUpstreamError(errorField);
    [text, code, param, status] = [cap(clean(info.message), 2000), info.code, info.param, info.status ?? httpStatus];
  } else if (typeof errorField === 'string' && errorField.trim() !== '') {
    text = cap(clean(errorField.trim()), 500);
  } else {
    // Non-JSON bodies: the SDK puts the raw text in the message after "<status> ".
    const raw = sdkMessage.replace(new RegExp(`^${httpStatus} `), '').trim();
    const contentType = headers instanceof Headers ? (headers.get('content-type') ?? '') : '';
    if (/^<(!doctype html|html|head|body)\b/i.test(raw) || (contentType.includes('text/html') && raw.startsWith('<'))) {
      const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(raw)?.[1];
      const label = title ? cap(clean(decodeEntities(title).replace(/\s+/g, ' ').replace(/^\d{3}\s*/, '').trim()), 120) : '';
      const page = `The upstream answered ${httpStatus} with an HTML page (${label || STATUS_TEXT[httpStatus] || 'no title'})`;
      const finalStatus = httpStatus >= 400 && httpStatus <= 599 ? httpStatus : 502;
      return apiError(finalStatus, `${page} instead of an API reply. ${hintFor(finalStatus, retryAfterOf(headers, secrets))}`, { code: 'upstream_html' });
    }
    if (raw !== '' && raw !== 'status code (no body)') text = cap(clean(raw), 500);
  }
  if (status < 400 || status > 599) {
    return apiError(502, `The model provider answered ${httpStatus} instead of a reply${text ? `: ${sentence(text)}` : '.'} Check that AIML_API_BASE_URL is the provider's /v1 base URL.`, { code: 'upstream_unexpected_status' });
  }
  const retryAfter = status === 429 || status === 503 ? retryAfterOf(headers, secrets) : undefined;
  const said = text ? `: ${sentence(text)}` : ' without saying why.';
  return apiError(status, `${leadFor(status)}${said} ${hintFor(status, retryAfter)}`, {
    code,
    param,
    ...(retryAfter ? { headers: { 'Retry-After': retryAfter } } : {}),
  });
}

const STATUS_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400, authentication_error: 401, permission_error: 403, not_found_error: 404,
  rate_limit_error: 429, insufficient_quota: 429, server_error: 502, api_error: 502, overloaded_error: 503,
};

/** An error object sent as data (mid-stream `{"error": …}`, or a 200 body that is an error). */
function fromPayload(payload: unknown, clean: Clean): ApiErrorResult {
  const info = readUpstreamError(payload);
  const status = info.status ?? STATUS_BY_TYPE[info.type] ?? 502;
  const message = `The model provider reported an error${info.status ? ` (${info.status})` : ''}: ${sentence(cap(clean(info.message), 2000))} ${hintFor(status)}`;
  return apiError(status, message, { code: info.code, param: info.param });
}
