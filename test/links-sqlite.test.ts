/** Short links over HTTP, kept in the default storage: the SQLite file in PLAYGROUND_DATA_DIR. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeLinksApi } from './support/links-suite';

describeLinksApi('SQLite', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'playground-links-http-'));
  // A folder that does not exist yet: the app makes it on start.
  const dataDir = path.join(root, 'data');
  let db: Database.Database | undefined;
  // Opened once the app has made the file (the first call comes after it started).
  const database = () => (db ??= new Database(path.join(dataDir, 'playground.db')));
  return {
    env: { PLAYGROUND_DATA_DIR: dataDir },
    async storedCiphertext(id) {
      const row = database().prepare('SELECT ciphertext FROM short_links WHERE id = ?').get(id) as { ciphertext: Buffer } | undefined;
      return row?.ciphertext ?? null;
    },
    async expire(id) {
      database().prepare('UPDATE short_links SET expires_at = ? WHERE id = ?').run(Date.now() - 1_000, id);
    },
    async close() {
      db?.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
});
