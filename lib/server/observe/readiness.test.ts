/** /api/ready's checks: bounded, in parallel, with messages free of credentials; MCP reported without starting a server. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetServerEnvForTests } from '../env';
import { useConfig, everythingStdio } from '../mcp/test-servers';
import { closeAllMcpConnections, mcpServerPid } from '../mcp/registry';
import { bounded, checkReadiness, safeMessage, type ReadinessProbes } from './readiness';

const ok = (kind: string) => ({ kind, ping: async () => {} });
const probes = (over: Partial<ReadinessProbes> = {}): ReadinessProbes => ({ storage: ok('sqlite'), limits: ok('memory'), timeoutMs: 200, ...over });

beforeEach(() => {
  delete process.env.PLAYGROUND_MCP_CONFIG;
  delete process.env.AIML_API_KEY;
  resetServerEnvForTests();
});
afterEach(async () => {
  await closeAllMcpConnections();
  for (const name of ['PLAYGROUND_MCP_CONFIG', 'DATABASE_URL', 'REDIS_URL', 'AIML_API_KEY']) delete process.env[name];
  resetServerEnvForTests();
});

describe('checkReadiness', () => {
  it('is ready when storage and limits answer, and reports the key without requiring it', async () => {
    const readiness = await checkReadiness(probes());
    expect(readiness).toEqual({
      status: 'ready',
      checks: {
        storage: { ok: true, kind: 'sqlite', ms: expect.any(Number) },
        limits: { ok: true, kind: 'memory', ms: expect.any(Number) },
        mcp: { ok: true, servers: [] },
        provider: { key_configured: false },
      },
    });
  });

  it('is not ready when a store fails, saying why', async () => {
    const readiness = await checkReadiness(probes({ limits: { kind: 'redis', ping: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')) } }));
    expect(readiness.status).toBe('not_ready');
    expect(readiness.checks.limits).toEqual({ ok: false, kind: 'redis', ms: expect.any(Number), error: 'ECONNREFUSED 127.0.0.1:6379' });
    expect(readiness.checks.storage.ok).toBe(true);
  });

  it('gives up on a check that hangs past its bound, the others checked meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // The limits answer 150 ms in: checked after the storage's 200 ms bound, they could not have answered by then.
      let settled = false;
      const checking = checkReadiness(
        probes({ storage: { kind: 'postgres', ping: () => new Promise(() => {}) }, limits: { kind: 'redis', ping: () => new Promise((resolve) => setTimeout(resolve, 150)) } }),
      ).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(200);
      expect(settled).toBe(true); // in parallel: the bound, not the sum
      const readiness = await checking;
      expect(readiness.status).toBe('not_ready');
      expect(readiness.checks.storage).toMatchObject({ ok: false, error: 'no answer within 200 ms' });
      expect(readiness.checks.limits.ok).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts a probe that throws before its promise as failed', async () => {
    expect(
      await bounded(
        {
          kind: 'sqlite',
          ping: () => {
            throw new Error('TODO(storage helper)');
          },
        },
        100,
      ),
    ).toMatchObject({ ok: false, error: 'TODO(storage helper)' });
  });

  it('reports each configured MCP server without starting a stdio one', async () => {
    useConfig({ everything: everythingStdio(), remote: { url: 'http://127.0.0.1:9/mcp' } });
    const { checks } = await checkReadiness(probes());
    expect(checks.mcp).toEqual({ ok: true, servers: [{ name: 'everything', transport: 'stdio', state: 'idle' }, { name: 'remote', transport: 'http', state: 'idle' }] });
    expect(mcpServerPid('everything')).toBeNull();
  });

  it('reports an unreadable MCP configuration without failing readiness', async () => {
    process.env.PLAYGROUND_MCP_CONFIG = '/nonexistent/mcp.json';
    resetServerEnvForTests();
    const readiness = await checkReadiness(probes());
    expect(readiness.status).toBe('ready');
    expect(readiness.checks.mcp).toMatchObject({ ok: false, error: expect.stringContaining('cannot be read') });
  });
});

describe('safeMessage', () => {
  it('removes credentials from URLs, the configured passwords and the server secrets', () => {
    process.env.DATABASE_URL = 'postgres://app:pg-s3cret@db.internal:5432/links';
    process.env.REDIS_URL = 'redis://:redis-s3cret@cache:6379';
    process.env.AIML_API_KEY = 'sk-readiness-secret-key';
    resetServerEnvForTests();
    const message = safeMessage(new Error('connect to postgres://app:pg-s3cret@db.internal:5432/links failed; auth redis-s3cret rejected; key sk-readiness-secret-key'));
    expect(message).toContain('postgres://[redacted]@db.internal:5432/links');
    for (const secret of ['pg-s3cret', 'redis-s3cret', 'sk-readiness-secret-key', 'app:']) expect(message).not.toContain(secret);
  });
});
