/** Short links over HTTP, kept in a real PostgreSQL (Debian's, started on a temporary data directory and port). */
import { Client } from 'pg';
import { startPostgres } from './services/postgres';
import { describeLinksApi } from './support/links-suite';

describeLinksApi('PostgreSQL', async () => {
  const postgres = await startPostgres();
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  return {
    env: { DATABASE_URL: postgres.url },
    async storedCiphertext(id) {
      const { rows } = await client.query<{ ciphertext: Buffer }>('SELECT ciphertext FROM short_links WHERE id = $1', [id]);
      return rows[0]?.ciphertext ?? null;
    },
    async expire(id) {
      await client.query('UPDATE short_links SET expires_at = $1 WHERE id = $2', [Date.now() - 1_000, id]);
    },
    async close() {
      await client.end();
      await postgres.stop();
    },
  };
});
