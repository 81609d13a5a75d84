import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import {
  createLinkRequestSchema,
  DELETE_TOKEN_PATTERN,
  LINK_ID_PATTERN,
  type CreatedLink,
  type CreateLinkRequest,
  type StoredLinkResponse,
} from '@/lib/links/types';
import { checkAccess, checkLinkCreationLimit, clientKey } from '../access';
import { serverEnv } from '../env';
import { errorResponse, readJsonBody } from '../http';
import { logger } from '../observe/logger';
import { guardRequest, withTransportSecurity } from '../request-guard';
import { apiError, type ApiErrorResult } from '../upstream-errors';
import type { LinkStore } from './link-store';
import { linkStore } from './store';

/**
 * The short links API (lib/links/types.ts is its contract). The server keeps ciphertext it cannot
 * read: the key is in the link's fragment, which browsers never send. It checks only what it can: the
 * size, that the bytes are base64url, and that they are long enough to be an AES-GCM message.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DAY_MS = 86_400_000;
/** Expired links still answer 410 for this long before the purge deletes them (then: 404). */
const EXPIRED_KEPT_MS = 7 * DAY_MS;
const PURGE_EVERY_MS = 60_000;

let lastPurge = 0;

const answer = (request: Request, response: Response) => withTransportSecurity(request.headers, response);
const refuse = (request: Request, error: ApiErrorResult) => answer(request, errorResponse(error));

const bytesInWords = (bytes: number) => `${bytes} bytes (${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB)`;

/** `size`: the ciphertext's, in words ("2097153 bytes (2.0 MiB)", or "about …" when only the body's length is known). */
function tooLarge(size: string, max: number): ApiErrorResult {
  return apiError(413, `This scenario is too large for a short link: encrypted it is ${size}, and this server keeps at most ${bytesInWords(max)} per link. Use "Export .json" to save it as a file and share the file instead.`, {
    code: 'link_too_large',
  });
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What a storage failure answers; the cause goes to the server's log, never to the client. */
function storageUnavailable(error: unknown): ApiErrorResult {
  logger().error({ reason: reasonOf(error) }, 'short-link storage failed');
  return apiError(503, 'The short-link storage of this playground is not reachable right now, so nothing was saved or read. Try again in a minute; if it persists, tell whoever runs this playground (GET /api/ready says what is down).', {
    code: 'storage_unavailable',
    headers: { 'Retry-After': '30' },
  });
}

/** Runs `use` against the store; an unavailable store, or a failing call, is the 503. */
async function withStore<T>(use: (store: LinkStore) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ApiErrorResult }> {
  try {
    return { ok: true, value: await use(await linkStore()) };
  } catch (error) {
    return { ok: false, error: storageUnavailable(error) };
  }
}

/** The ciphertext's bytes, or why they cannot be one: not canonical base64url (decoding would change them), or shorter than IV + tag. */
function decodeCiphertext(text: string): { ok: true; bytes: Buffer } | { ok: false; error: ApiErrorResult } {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) {
    return { ok: false, error: apiError(400, 'The ciphertext is not valid base64url (RFC 4648 §5, without padding).', { code: 'invalid_ciphertext', param: 'ciphertext' }) };
  }
  if (bytes.length < IV_BYTES + TAG_BYTES) {
    return {
      ok: false,
      error: apiError(400, `The ciphertext is ${bytes.length} bytes: an AES-GCM message here is at least ${IV_BYTES + TAG_BYTES} (a ${IV_BYTES}-byte IV, then the ciphertext and its ${TAG_BYTES}-byte tag).`, {
        code: 'invalid_ciphertext',
        param: 'ciphertext',
      }),
    };
  }
  return { ok: true, bytes };
}

/** The days the link lives (null: until deleted), within PLAYGROUND_LINK_MAX_DAYS when it is set. */
function lifeInDays(requested: CreateLinkRequest['expires_in_days'], maxDays: number): { ok: true; days: number | null } | { ok: false; error: ApiErrorResult } {
  if (maxDays === 0) return { ok: true, days: requested ?? null };
  if (requested === undefined || requested === null) return { ok: true, days: maxDays };
  if (requested <= maxDays) return { ok: true, days: requested };
  return {
    ok: false,
    error: apiError(400, `This server keeps short links for at most ${maxDays} days: choose ${maxDays} or fewer.`, { code: 'invalid_expiry', param: 'expires_in_days' }),
  };
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Deletes links long expired, at most once a minute per process, after answering (a failure is retried next time). */
function purgeNowAndThen(store: LinkStore, now: number): void {
  if (now - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now;
  store.purgeExpired(now - EXPIRED_KEPT_MS).catch((error: unknown) => logger().warn({ reason: reasonOf(error) }, 'purging expired short links failed'));
}

/** POST /api/v1/links: stores a ciphertext; 201 with its id and delete token. */
export async function answerCreateLink(request: Request): Promise<Response> {
  const refused = guardRequest(request, { json: true }) ?? (await checkAccess(request.headers)) ?? (await checkLinkCreationLimit(clientKey(request.headers)));
  if (refused) return refuse(request, refused);
  const env = serverEnv();
  const maxBytes = env.PLAYGROUND_LINK_MAX_BYTES;
  // base64 of the largest ciphertext, plus room for the JSON around it.
  const body = await readJsonBody(request, Math.ceil(maxBytes / 3) * 4 + 1024);
  if (!body.ok) {
    const declared = Number(request.headers.get('content-length') ?? NaN);
    const size = Number.isFinite(declared) ? `about ${bytesInWords(Math.floor((declared * 3) / 4))}` : 'larger than that';
    return refuse(request, body.error.status === 413 ? tooLarge(size, maxBytes) : body.error);
  }
  const parsed = createLinkRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(request, apiError(400, `Invalid short link request: ${issue.path.join('.') || 'body'} ${issue.message}.`, { param: issue.path.join('.') || null }));
  }
  const ciphertext = decodeCiphertext(parsed.data.ciphertext);
  if (!ciphertext.ok) return refuse(request, ciphertext.error);
  if (ciphertext.bytes.length > maxBytes) return refuse(request, tooLarge(bytesInWords(ciphertext.bytes.length), maxBytes));
  const life = lifeInDays(parsed.data.expires_in_days, env.PLAYGROUND_LINK_MAX_DAYS);
  if (!life.ok) return refuse(request, life.error);

  const now = Date.now();
  const deleteToken = randomBytes(24).toString('base64url');
  const link = {
    id: randomBytes(12).toString('base64url'),
    ciphertext: ciphertext.bytes,
    deleteTokenHash: tokenHash(deleteToken),
    createdAt: now,
    expiresAt: life.days === null ? null : now + life.days * DAY_MS,
  };
  const stored = await withStore(async (store) => {
    await store.create(link);
    purgeNowAndThen(store, now);
  });
  if (!stored.ok) return refuse(request, stored.error);
  const created: CreatedLink = { id: link.id, delete_token: deleteToken, expires_at: iso(link.expiresAt), bytes: link.ciphertext.length };
  return answer(request, Response.json(created, { status: 201, headers: { 'Cache-Control': 'no-store' } }));
}

const notFound = () =>
  apiError(404, 'This short link does not exist: it was never made here, its creator deleted it, or it expired more than a week ago. Ask for the link again.', {
    code: 'link_not_found',
  });

/** GET /api/v1/links/{id}: the ciphertext, 404 when there is none, 410 when it expired. */
export async function answerReadLink(request: Request, id: string): Promise<Response> {
  const refused = guardRequest(request) ?? (await checkAccess(request.headers));
  if (refused) return refuse(request, refused);
  if (!LINK_ID_PATTERN.test(id)) return refuse(request, notFound());
  const read = await withStore((store) => store.read(id, Date.now()));
  if (!read.ok) return refuse(request, read.error);
  const found = read.value;
  if (found.kind === 'missing') return refuse(request, notFound());
  if (found.kind === 'expired') {
    const on = new Date(found.expiresAt).toISOString().slice(0, 10);
    return refuse(request, apiError(410, `This short link expired on ${on}: its creator gave it a limited life, and the scenario is gone from the server. Ask them to share it again.`, { code: 'link_expired' }));
  }
  const { link } = found;
  const body: StoredLinkResponse = { id: link.id, ciphertext: link.ciphertext.toString('base64url'), created_at: new Date(link.createdAt).toISOString(), expires_at: iso(link.expiresAt) };
  return answer(request, Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } }));
}

/** DELETE /api/v1/links/{id} with `x-delete-token`: 204, 404 when there is no such link, 403 when the token is not its own. */
export async function answerDeleteLink(request: Request, id: string): Promise<Response> {
  const refused = guardRequest(request) ?? (await checkAccess(request.headers));
  if (refused) return refuse(request, refused);
  const token = request.headers.get('x-delete-token') ?? '';
  if (!DELETE_TOKEN_PATTERN.test(token)) {
    return refuse(request, apiError(400, 'Send the delete token that came with the link, in the header `x-delete-token` (32 base64url characters).', { code: 'invalid_delete_token' }));
  }
  if (!LINK_ID_PATTERN.test(id)) return refuse(request, notFound());
  const removed = await withStore((store) => store.remove(id, tokenHash(token)));
  if (!removed.ok) return refuse(request, removed.error);
  if (removed.value === 'missing') return refuse(request, notFound());
  if (removed.value === 'refused') {
    return refuse(request, apiError(403, 'That delete token is not the one this short link was made with, so the link was kept. Use the delete link you were given when you made it.', { code: 'link_delete_refused' }));
  }
  return answer(request, new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } }));
}
