import 'server-only';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PURGE_BATCH, type LinkRecord, type LinkStore, type ReadLink, type RemoveLink } from './link-store';

/**
 * Short links in a SQLite file (the default: nothing to run beside the app). better-sqlite3 is
 * synchronous; each call is one short statement on a local file, so it is wrapped in the async
 * interface as it is. WAL lets readers go on while one writer writes, and busy_timeout makes a
 * second process on the same file (a restart overlapping the old one) wait instead of failing.
 */
export const SQLITE_FILE_NAME = 'playground.db';

/** Applied in order, each once; the index of one plus 1 is its version. Never edit one that has shipped: add another. */
const MIGRATIONS = [
  `CREATE TABLE short_links (
     id TEXT PRIMARY KEY,
     ciphertext BLOB NOT NULL,
     delete_token_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NULL
   ) STRICT;
   CREATE INDEX short_links_expires_at ON short_links (expires_at) WHERE expires_at IS NOT NULL;`,
];

interface LinkRow {
  id: string;
  ciphertext: Buffer;
  delete_token_hash: string;
  created_at: number;
  expires_at: number | null;
}

/** Applies the migrations not yet applied, all in one transaction that holds the write lock (another process waits). */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT');
    const { applied } = db.prepare('SELECT COALESCE(MAX(version), 0) AS applied FROM schema_migrations').get() as { applied: number };
    if (applied > MIGRATIONS.length) {
      throw new Error(`its schema is version ${applied}, newer than this version of the app knows (${MIGRATIONS.length}): run the newer app, or point PLAYGROUND_DATA_DIR elsewhere`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    MIGRATIONS.slice(applied).forEach((sql, index) => {
      db.exec(sql);
      record.run(applied + index + 1, Date.now());
    });
  }).immediate();
}

/** Opens (creating the folder and the file) `<dataDir>/playground.db` and applies its migrations. */
export async function openSqliteLinkStore(dataDir: string): Promise<LinkStore> {
  const file = path.resolve(dataDir, SQLITE_FILE_NAME);
  let db: Database.Database | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open the short-link database ${file}: ${reason}. Make PLAYGROUND_DATA_DIR a folder this process may write to, or set DATABASE_URL to use PostgreSQL.`, {
      cause: error,
    });
  }
  return sqliteLinkStore(db);
}

function sqliteLinkStore(db: Database.Database): LinkStore {
  const insert = db.prepare('INSERT INTO short_links (id, ciphertext, delete_token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare('SELECT id, ciphertext, delete_token_hash, created_at, expires_at FROM short_links WHERE id = ?');
  const deleteOwn = db.prepare('DELETE FROM short_links WHERE id = ? AND delete_token_hash = ?');
  const exists = db.prepare('SELECT 1 FROM short_links WHERE id = ?');
  const purge = db.prepare('DELETE FROM short_links WHERE id IN (SELECT id FROM short_links WHERE expires_at <= ? LIMIT ?)');
  return {
    kind: 'sqlite',
    async create(link: LinkRecord) {
      insert.run(link.id, link.ciphertext, link.deleteTokenHash, link.createdAt, link.expiresAt);
    },
    async read(id: string, now: number): Promise<ReadLink> {
      const row = select.get(id) as LinkRow | undefined;
      if (!row) return { kind: 'missing' };
      if (row.expires_at !== null && row.expires_at <= now) return { kind: 'expired', expiresAt: row.expires_at };
      return {
        kind: 'found',
        link: { id: row.id, ciphertext: row.ciphertext, deleteTokenHash: row.delete_token_hash, createdAt: row.created_at, expiresAt: row.expires_at },
      };
    },
    async remove(id: string, deleteTokenHash: string): Promise<RemoveLink> {
      if (deleteOwn.run(id, deleteTokenHash).changes > 0) return 'deleted';
      return exists.get(id) ? 'refused' : 'missing';
    },
    async purgeExpired(now: number) {
      return purge.run(now, PURGE_BATCH).changes;
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      db.close();
    },
  };
}
