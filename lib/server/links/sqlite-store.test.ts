import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLinkStore } from './link-store.suite';
import { openSqliteLinkStore, SQLITE_FILE_NAME } from './sqlite-store';

const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'playground-links-')), 'not-yet-made');
afterAll(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

describeLinkStore('SQLite', () => openSqliteLinkStore(dataDir));

describe('the SQLite file', () => {
  it('is made in its folder, in WAL mode, with each migration recorded once however often it is opened', async () => {
    await (await openSqliteLinkStore(dataDir)).close();
    await (await openSqliteLinkStore(dataDir)).close();
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    } finally {
      db.close();
    }
  });

  it('that cannot be made says where and what to do', async () => {
    const blocked = path.join(path.dirname(dataDir), 'a-file');
    writeFileSync(blocked, '');
    await expect(openSqliteLinkStore(path.join(blocked, 'data'))).rejects.toThrow(/Cannot open the short-link database .*a-file.*PLAYGROUND_DATA_DIR/);
  });
});
