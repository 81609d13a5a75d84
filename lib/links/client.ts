/**
 * The page's side of the short links API (./types.ts is the contract): upload a ciphertext, fetch one,
 * delete one with its token. Same-origin requests with the session cookie (the access token's, when the
 * server has one); every answer checked with zod, every failure a reason and the server's own words.
 * Never throws.
 */
import { boundedText } from '@/lib/util/bounded-text';
import { fromBase64url, toBase64url } from './base64url';
import { createdLinkSchema, storedLinkSchema, type CreatedLink } from './types';

export const LINKS_URL = '/api/v1/links';
/**
 * Most characters of a link's answer read: the server keeps at most 2 MiB of ciphertext by default
 * (PLAYGROUND_LINK_MAX_BYTES), 2.67 MiB in base64, plus the JSON around it. A server set to keep more
 * makes links this page refuses to download rather than one that fills the tab's memory.
 */
export const MAX_LINK_ANSWER_CHARS = 3 * 1024 * 1024;
/** An error's body: a sentence or two. */
const MAX_ERROR_CHARS = 16 * 1024;
const TIMEOUT_MS = 30_000;

export type LinkFailureReason =
  | 'not_found'
  | 'expired'
  | 'too_large'
  | 'rate_limited'
  | 'access_token_required'
  | 'delete_refused'
  | 'unavailable'
  | 'refused'
  | 'network'
  | 'bad_response';

export interface LinkFailure {
  ok: false;
  reason: LinkFailureReason;
  /** For a person: the server's message when it sent one. */
  message: string;
  /** From Retry-After, when the server sent it (rate_limited, unavailable). */
  retryAfterSeconds?: number;
}

export type LinkAnswer<T> = { ok: true; value: T } | LinkFailure;

export interface FetchedLink {
  ciphertext: Uint8Array;
  createdAt: string;
  expiresAt: string | null;
}

const REASON_OF_CODE: Record<string, LinkFailureReason> = {
  link_not_found: 'not_found',
  link_expired: 'expired',
  link_too_large: 'too_large',
  link_delete_refused: 'delete_refused',
  rate_limited: 'rate_limited',
  access_locked_out: 'rate_limited',
  access_token_required: 'access_token_required',
  storage_unavailable: 'unavailable',
};

function reasonOfStatus(status: number): LinkFailureReason {
  if (status === 404) return 'not_found';
  if (status === 410) return 'expired';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'access_token_required';
  if (status >= 500) return 'unavailable';
  return 'refused';
}

/** What to say when the server gave no message of its own (a proxy's error page, an empty body). */
function fallbackMessage(reason: LinkFailureReason, status: number, retryAfter: number | undefined): string {
  const wait = retryAfter === undefined ? 'a minute' : `${retryAfter} s`;
  switch (reason) {
    case 'not_found':
      return 'This short link does not exist: it was never made here, or it was deleted. Ask for the link again.';
    case 'expired':
      return 'This short link has expired. Ask for it to be shared again.';
    case 'too_large':
      return 'This scenario is too large for a short link on this server. Use "Export .json" and share the file instead.';
    case 'rate_limited':
      return `Too many short links were asked for from here just now. Wait ${wait}, then try again.`;
    case 'access_token_required':
      return 'This playground needs its access token first: enter it, then try again.';
    case 'delete_refused':
      return 'That delete token is not the one this short link was made with, so the link was kept.';
    case 'unavailable':
      return `The playground's server could not handle short links just now (${status}). Try again in ${wait}.`;
    default:
      return `The playground's server refused the request (${status}).`;
  }
}

/** The body's text, reading at most `max` bytes: null when it is longer (Content-Length first, then as it arrives). */
async function answerText(response: Response, max: number): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? NaN) > max) {
    response.body?.cancel().catch(() => {});
    return null;
  }
  return boundedText(response, max);
}

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}

async function failureOf(response: Response): Promise<LinkFailure> {
  const retryAfterSeconds = retryAfterOf(response);
  let code: unknown;
  let message: unknown;
  try {
    const body = JSON.parse((await answerText(response, MAX_ERROR_CHARS)) ?? '') as { error?: { code?: unknown; message?: unknown } };
    ({ code, message } = body.error ?? {});
  } catch {
    // Not the API's JSON (a proxy's page): the status says it.
  }
  const reason = (typeof code === 'string' && REASON_OF_CODE[code]) || reasonOfStatus(response.status);
  return {
    ok: false,
    reason,
    message: typeof message === 'string' && message.trim() ? message : fallbackMessage(reason, response.status, retryAfterSeconds),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

const badResponse = (what: string): LinkFailure => ({
  ok: false,
  reason: 'bad_response',
  message: `The playground's server answered ${what} in a shape this page does not read. Reload the page (the server may have been updated), then try again.`,
});

async function request(url: string, init: RequestInit, fetcher: typeof fetch): Promise<Response | LinkFailure> {
  try {
    return await fetcher(url, { ...init, credentials: 'same-origin', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return {
      ok: false,
      reason: 'network',
      message: timedOut
        ? `The playground's server did not answer within ${TIMEOUT_MS / 1000} s. Check the connection, then try again.`
        : `The playground's server could not be reached (${error instanceof Error ? error.message : String(error)}). Check the connection, then try again.`,
    };
  }
}

/** A JSON answer checked with `schema`, within `max` characters. */
async function checkedJson<T>(response: Response, max: number, what: string, parse: (value: unknown) => { success: true; data: T } | { success: false }): Promise<LinkAnswer<T>> {
  let text: string | null;
  try {
    text = await answerText(response, max);
  } catch (error) {
    return { ok: false, reason: 'network', message: `The connection broke while the ${what} arrived (${error instanceof Error ? error.message : String(error)}). Try again.` };
  }
  if (text === null) {
    return { ok: false, reason: 'too_large', message: `The ${what} is larger than this page reads (${(max / 1024 / 1024).toFixed(0)} MiB), so it was not downloaded.` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return badResponse(`the ${what}`);
  }
  const parsed = parse(value);
  return parsed.success ? { ok: true, value: parsed.data } : badResponse(`the ${what}`);
}

/** Uploads a sealed scenario (lib/links/seal.ts); `expiresInDays` null: kept until deleted, or as long as the server keeps links. */
export async function createShortLink(ciphertext: Uint8Array, expiresInDays: number | null, fetcher: typeof fetch = fetch): Promise<LinkAnswer<CreatedLink>> {
  const response = await request(
    LINKS_URL,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ciphertext: toBase64url(ciphertext), expires_in_days: expiresInDays }),
    },
    fetcher,
  );
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failureOf(response);
  return checkedJson(response, MAX_ERROR_CHARS, 'new short link', (value) => createdLinkSchema.safeParse(value));
}

/** A short link's ciphertext, checked: its size before it is decoded, its shape, its bytes. */
export async function fetchShortLink(id: string, fetcher: typeof fetch = fetch): Promise<LinkAnswer<FetchedLink>> {
  const response = await request(`${LINKS_URL}/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } }, fetcher);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failureOf(response);
  const stored = await checkedJson(response, MAX_LINK_ANSWER_CHARS, 'short link', (value) => storedLinkSchema.safeParse(value));
  if (!stored.ok) return stored;
  const ciphertext = fromBase64url(stored.value.ciphertext);
  if (!ciphertext) return badResponse('the short link');
  return { ok: true, value: { ciphertext, createdAt: stored.value.created_at, expiresAt: stored.value.expires_at } };
}

/** Deletes a short link with the token its creator was given (sent only in `x-delete-token`, only here). */
export async function deleteShortLink(id: string, token: string, fetcher: typeof fetch = fetch): Promise<LinkAnswer<null>> {
  const response = await request(`${LINKS_URL}/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { accept: 'application/json', 'x-delete-token': token } }, fetcher);
  if (!(response instanceof Response)) return response;
  if (!response.ok) return failureOf(response);
  await response.body?.cancel().catch(() => {});
  return { ok: true, value: null };
}
