/** GET /api/ready: the status code follows the checks; with an access token set, only a caller with it reads the checks. */
import { afterEach, describe, expect, it } from 'vitest';
import { resetServerEnvForTests } from '@/lib/server/env';
import { GET } from './route';

const TOKEN = 'ready-route-access-token';
const ready = (headers: Record<string, string> = {}) => GET(new Request('http://localhost/api/ready', { headers: { host: 'localhost', ...headers } }));

afterEach(() => {
  delete process.env.PLAYGROUND_ACCESS_TOKEN;
  resetServerEnvForTests();
});

describe('GET /api/ready', () => {
  it('answers the checks, its status 200 exactly when storage and limits are ok', async () => {
    const response = await ready();
    const body = await response.json();
    expect(body.checks).toMatchObject({ storage: { ok: expect.any(Boolean), kind: 'sqlite' }, limits: { ok: expect.any(Boolean), kind: 'memory' }, provider: { key_configured: expect.any(Boolean) } });
    const ok = body.checks.storage.ok && body.checks.limits.ok;
    expect([response.status, body.status]).toEqual(ok ? [200, 'ready'] : [503, 'not_ready']);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('with a token set: the status alone without it, the checks with it', async () => {
    process.env.PLAYGROUND_ACCESS_TOKEN = TOKEN;
    resetServerEnvForTests();
    const anonymous = await ready();
    expect(Object.keys(await anonymous.json())).toEqual(['status']);
    const allowed = await ready({ authorization: `Bearer ${TOKEN}` });
    expect(allowed.status).toBe(anonymous.status);
    expect((await allowed.json()).checks).toBeDefined();
  });

  it('refuses a host it does not serve', async () => {
    expect((await ready({ host: 'evil.example' })).status).toBe(403);
  });
});
