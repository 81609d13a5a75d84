import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '@/test/services/postgres';
import { describeLinkStore } from './link-store.suite';
import { openPostgresLinkStore } from './postgres-store';

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
});

describeLinkStore('PostgreSQL', () => openPostgresLinkStore(postgres.url));

describe('the PostgreSQL schema', () => {
  it('is migrated once when instances open it at the same time, and once more opens change nothing', async () => {
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresLinkStore(postgres.url)));
    await Promise.all(stores.map((store) => store.close()));
    await (await openPostgresLinkStore(postgres.url)).close();
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
      const { rows } = await client.query("SELECT data_type FROM information_schema.columns WHERE table_name = 'short_links' AND column_name = 'ciphertext'");
      expect(rows).toEqual([{ data_type: 'bytea' }]);
    } finally {
      await client.end();
    }
  });

  it('that cannot be reached says where, without the password, and what to check', async () => {
    const url = new URL(postgres.url);
    url.password = 'hunter2-secret';
    url.port = String(Number(url.port) + 1);
    const failure = openPostgresLinkStore(url.toString());
    await expect(failure).rejects.toThrow(/Cannot open the short-link database in PostgreSQL \(127\.0\.0\.1:\d+\/postgres\).*DATABASE_URL/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });
});
