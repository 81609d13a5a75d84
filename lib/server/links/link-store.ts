import 'server-only';

/**
 * Where short links are kept: one interface, two implementations (sqlite-store.ts, the default, a file
 * in PLAYGROUND_DATA_DIR; postgres-store.ts when DATABASE_URL is set), each applying its migrations
 * before its first use. What is stored is ciphertext the server cannot read, the hash of the delete
 * token, and the times.
 */
export interface LinkRecord {
  id: string;
  ciphertext: Buffer;
  /** SHA-256 of the delete token, hex. */
  deleteTokenHash: string;
  /** Unix milliseconds. */
  createdAt: number;
  /** Unix milliseconds, or null: never expires. */
  expiresAt: number | null;
}

/** The most links one `purgeExpired` deletes: a backlog is cleared over several calls rather than in one long lock. */
export const PURGE_BATCH = 1_000;

export type ReadLink = { kind: 'found'; link: LinkRecord } | { kind: 'missing' } | { kind: 'expired'; expiresAt: number };
export type RemoveLink = 'deleted' | 'missing' | 'refused';

export interface LinkStore {
  /** Which implementation: for /api/ready and the log. */
  readonly kind: 'sqlite' | 'postgres';
  /** Adds a link; its id is new (an id clash throws). */
  create(link: LinkRecord): Promise<void>;
  /** A link whose `expiresAt` is at or before `now` reads as `expired`, never as found (purging is `purgeExpired`'s job). */
  read(id: string, now: number): Promise<ReadLink>;
  /** Deletes the link when `deleteTokenHash` is its own. */
  remove(id: string, deleteTokenHash: string): Promise<RemoveLink>;
  /** Deletes links expired at `now` (`expiresAt` ≤ now), at most PURGE_BATCH of them so that one call stays short; how many. */
  purgeExpired(now: number): Promise<number>;
  /** Throws when the storage cannot be reached (for /api/ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
