/** GET /api/metrics: Prometheus text, behind the access token when one is set. */
import { afterEach, describe, expect, it } from 'vitest';
import { resetServerEnvForTests } from '@/lib/server/env';
import { countRateLimitRejection } from '@/lib/server/observe/metrics';
import { GET } from './route';

const TOKEN = 'metrics-route-access-token';
const scrape = (headers: Record<string, string> = {}) => GET(new Request('http://localhost/api/metrics', { headers: { host: 'localhost', ...headers } }));

afterEach(() => {
  delete process.env.PLAYGROUND_ACCESS_TOKEN;
  resetServerEnvForTests();
});

describe('GET /api/metrics', () => {
  it('answers the registry in the Prometheus text format, not cached', async () => {
    countRateLimitRejection('links');
    await scrape();
    const response = await scrape();
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toContain('playground_rate_limit_rejections_total{budget="links"} 1');
    expect(text).toContain('playground_http_requests_total{route="/api/metrics",method="GET",status="200"} 1');
    expect(text).toContain('playground_process_cpu_seconds_total');
  });

  it('needs the Bearer token when PLAYGROUND_ACCESS_TOKEN is set', async () => {
    process.env.PLAYGROUND_ACCESS_TOKEN = TOKEN;
    resetServerEnvForTests();
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });
});
