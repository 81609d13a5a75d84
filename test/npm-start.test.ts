/**
 * `npm start` is `next start`, with the port given either way a person types it: after `--` (npm
 * hands it to the script) or straight (npm 11 swallows `-p` as its own `--parseable`; scripts/start.mjs
 * gives it back). Each serves the API of the production build.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startWithNpm, type RunningApp } from './support/app';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('npm start', () => {
  it.each([
    ['npm start -- -p <port>', (port: string) => ['--', '-p', port]],
    ['npm start -p <port>', (port: string) => ['-p', port]],
  ])('%s serves /api/v1/models on that port', async (_, args) => {
    const port = await freePort();
    app = await startWithNpm(args(String(port)), port);
    const response = await fetch(`${app.url}/api/v1/models`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.object).toBe('list');
    expect(body.data[0].id).toBe('offline-simulator');
  });
});
