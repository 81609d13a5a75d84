/**
 * Short links, end to end encrypted (excalidraw's model): the browser encrypts the scenario with a
 * fresh AES-GCM key and uploads only the ciphertext; the link is `…/#k=<id>.<key>`, and the fragment
 * (so the key) never reaches the server. This is the wire contract of `/api/v1/links`, read by the
 * page (lib/links/client.ts) and the server (lib/server/links/endpoint.ts) alike.
 */
import { z } from 'zod';

/** The fragment parameter of a short link: `#k=<id>.<key>`. */
export const SHORT_LINK_PARAM = 'k';
/** The fragment parameter of a short link's delete link, which the creator keeps: `#kd=<id>.<delete token>`. */
export const DELETE_LINK_PARAM = 'kd';
/** Share offers a short link once the scenario's `#s=` link is longer than this (chat apps cut long links). */
export const SHORT_LINK_OFFER_CHARS = 2_000;

/** 12 random bytes, base64url: 16 characters. */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;
/** An AES-GCM 128-bit key, base64url (a JWK's `k`): 22 characters. */
export const LINK_KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** 24 random bytes, base64url: 32 characters. */
export const DELETE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Expiry choices the page offers, in days; null: kept until deleted (when the server allows it). */
export const EXPIRY_CHOICES = [null, 1, 7, 30, 365] as const;

/** POST /api/v1/links */
export const createLinkRequestSchema = z.object({
  /** base64url of IV (12 bytes) ‖ AES-GCM ciphertext of the sealed scenario (lib/links/seal.ts). */
  ciphertext: z.string().min(1).regex(BASE64URL, 'must be base64url'),
  /** Days until the link expires; null or absent: the server's longest (never, unless PLAYGROUND_LINK_MAX_DAYS). */
  expires_in_days: z.number().int().min(1).max(3650).nullable().optional(),
});
export type CreateLinkRequest = z.infer<typeof createLinkRequestSchema>;

/** 201 to POST /api/v1/links */
export const createdLinkSchema = z.object({
  id: z.string().regex(LINK_ID_PATTERN),
  /** Shown once, to the creator: DELETE /api/v1/links/{id} with it. The server keeps only its hash. */
  delete_token: z.string().regex(DELETE_TOKEN_PATTERN),
  /** ISO 8601, or null when the link does not expire. */
  expires_at: z.string().nullable(),
  /** Bytes stored (the ciphertext). */
  bytes: z.number().int().nonnegative(),
});
export type CreatedLink = z.infer<typeof createdLinkSchema>;

/** 200 to GET /api/v1/links/{id} */
export const storedLinkSchema = z.object({
  id: z.string().regex(LINK_ID_PATTERN),
  ciphertext: z.string().regex(BASE64URL),
  created_at: z.string(),
  expires_at: z.string().nullable(),
});
export type StoredLinkResponse = z.infer<typeof storedLinkSchema>;

/**
 * Error codes of the links API, in the OpenAI error shape (`{error: {message, type, code}}`):
 * 404 `link_not_found` (never created, or deleted), 410 `link_expired`, 413 `link_too_large`,
 * 403 `link_delete_refused` (wrong delete token), 429 `rate_limited`, 503 `storage_unavailable`.
 */
export type LinkErrorCode = 'link_not_found' | 'link_expired' | 'link_too_large' | 'link_delete_refused' | 'rate_limited' | 'storage_unavailable';
