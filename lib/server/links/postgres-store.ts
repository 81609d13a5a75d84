import 'server-only';
import { Pool, type PoolClient } from 'pg';
import { logger } from '../observe/logger';
import { PURGE_BATCH, type LinkStore, type ReadLink, type RemoveLink } from './link-store';

/**
 * Short links in PostgreSQL (DATABASE_URL), shared by every instance behind a load balancer. The pool
 * is bounded (each instance holds at most POOL_SIZE connections of the server's max_connections), a
 * connection that cannot be had in CONNECT_TIMEOUT_MS fails the request instead of queueing it for
 * ever, and so does a statement past STATEMENT_TIMEOUT_MS. Times are bigint Unix milliseconds (pg
 * returns int8 as a string: parsed back with Number, exact below 2^53).
 */
const POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 10_000;
/** pg_advisory_xact_lock's key for the migrations: any constant, the same in every instance. */
const MIGRATION_LOCK = 7_301_845_118;

/** Applied in order, each once; the index of one plus 1 is its version. Never edit one that has shipped: add another. */
const MIGRATIONS = [
  `CREATE TABLE short_links (
     id text PRIMARY KEY,
     ciphertext bytea NOT NULL,
     delete_token_hash text NOT NULL,
     created_at bigint NOT NULL,
     expires_at bigint NULL
   );
   CREATE INDEX short_links_expires_at ON short_links (expires_at) WHERE expires_at IS NOT NULL;`,
];

interface LinkRow {
  id: string;
  ciphertext: Buffer;
  delete_token_hash: string;
  created_at: string;
  expires_at: string | null;
}

/**
 * Applies the migrations not yet applied in one transaction, under an advisory lock: two instances
 * starting at once take turns, and the second finds the work done.
 */
async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ applied: number }>('SELECT COALESCE(MAX(version), 0)::integer AS applied FROM schema_migrations');
    const applied = rows[0].applied;
    if (applied > MIGRATIONS.length) {
      throw new Error(`its schema is version ${applied}, newer than this version of the app knows (${MIGRATIONS.length}): run the newer app, or use another database`);
    }
    for (const [index, sql] of MIGRATIONS.slice(applied).entries()) {
      await client.query(sql);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [applied + index + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {}); // the connection may be what failed; the first error is the one to tell
    throw error;
  }
}

/** Where a URL points, for messages: never its password. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** Connects to `url` (checking it can) and applies the migrations. */
export async function openPostgresLinkStore(url: string): Promise<LinkStore> {
  const pool = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'function-calling-playground',
  });
  // An idle connection the server drops (a restart) is reported here; without a listener it would end
  // the process. The pool replaces it, and a request that needs one meanwhile fails on its own.
  pool.on('error', (error) => logger().warn({ database: describe(url), reason: error.message }, 'PostgreSQL dropped an idle connection'));
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {}); // nothing more to tell than the failure below
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open the short-link database in PostgreSQL (${describe(url)}): ${reason}. Check that PostgreSQL runs there and that DATABASE_URL's user, password and database are right.`, {
      cause: error,
    });
  }
  return postgresLinkStore(pool);
}

function postgresLinkStore(pool: Pool): LinkStore {
  return {
    kind: 'postgres',
    async create(link) {
      await pool.query('INSERT INTO short_links (id, ciphertext, delete_token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        link.id,
        link.ciphertext,
        link.deleteTokenHash,
        link.createdAt,
        link.expiresAt,
      ]);
    },
    async read(id, now): Promise<ReadLink> {
      const { rows } = await pool.query<LinkRow>('SELECT id, ciphertext, delete_token_hash, created_at, expires_at FROM short_links WHERE id = $1', [id]);
      const row = rows[0];
      if (!row) return { kind: 'missing' };
      const expiresAt = row.expires_at === null ? null : Number(row.expires_at);
      if (expiresAt !== null && expiresAt <= now) return { kind: 'expired', expiresAt };
      return { kind: 'found', link: { id: row.id, ciphertext: row.ciphertext, deleteTokenHash: row.delete_token_hash, createdAt: Number(row.created_at), expiresAt } };
    },
    async remove(id, deleteTokenHash): Promise<RemoveLink> {
      // One statement: whether the link was there and whether the hash was its own, and the delete.
      const { rows } = await pool.query<{ own: boolean }>(
        `WITH found AS (SELECT delete_token_hash = $2 AS own FROM short_links WHERE id = $1),
              gone AS (DELETE FROM short_links WHERE id = $1 AND delete_token_hash = $2)
         SELECT own FROM found`,
        [id, deleteTokenHash],
      );
      if (!rows[0]) return 'missing';
      return rows[0].own ? 'deleted' : 'refused';
    },
    async purgeExpired(now) {
      const { rowCount } = await pool.query('DELETE FROM short_links WHERE id IN (SELECT id FROM short_links WHERE expires_at <= $1 LIMIT $2)', [now, PURGE_BATCH]);
      return rowCount ?? 0;
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
