/**
 * The provider's model list against a real local upstream (e2e/upstream): what is kept of an untrusted
 * list, and how each way of failing reads. The HTTP-level twin (test/provider-models.test.ts) adds the
 * route's guards against the build.
 */
import { describe, expect, it } from 'vitest';
import type { Step } from '../../e2e/upstream/types';
import { MAX_PROVIDER_MODELS } from '@/lib/wire/models';
import { answerProviderModels } from './provider-models';
import { useLocalUpstream } from './testing/local-upstream';

const KEY = 'sk-models-unit-test-000000';
const local = useLocalUpstream(KEY, { AIML_API_TIMEOUT_MS: '2000', PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0' });
const configure = local.configure;

const ask = async (steps: Step[] = []) => {
  local.upstream.scriptModels(steps);
  const response = await answerProviderModels(new Request('http://localhost/api/v1/models/provider'));
  return { status: response.status, text: await response.clone().text(), body: await response.json() };
};
const list = (data: unknown[]): Step => ({ kind: 'completion', body: { object: 'list', data } });

describe('the provider model list', () => {
  it("asks the provider's GET /models with the key and answers its ids", async () => {
    const { status, body } = await ask();
    expect(status).toBe(200);
    expect(body.data.map((m: { id: string }) => m.id)).toContain('o3-mini');
    expect(body.data[0]).toEqual({ id: 'gpt-4o', object: 'model', owned_by: 'openai' });
    expect(body.left_out).toBe(0);
    const [request] = local.upstream.requests();
    expect(request).toMatchObject({ method: 'GET', path: '/v1/models' });
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('keeps only valid, unique ids that a chat request could send, and counts the rest', async () => {
    const { body } = await ask([
      list([{ id: 'good-1', owned_by: 'acme' }, { id: 'good-1' }, { id: '' }, { id: 'has space' }, { id: 'x'.repeat(129) }, { id: 42 }, null, 'text', { name: 'no id' }, { id: '__proto__' }, { id: 'constructor' }]),
    ]);
    expect(body.data).toEqual([
      { id: 'good-1', object: 'model', owned_by: 'acme' },
      { id: 'constructor', object: 'model', owned_by: '' },
    ]);
    expect(body.left_out).toBe(9);
  });

  it(`lists at most ${MAX_PROVIDER_MODELS} models and caps what owned_by shows`, async () => {
    const many = Array.from({ length: MAX_PROVIDER_MODELS + 5 }, (_, i) => ({ id: `m-${i}`, owned_by: 'o'.repeat(500) }));
    const { body } = await ask([list(many)]);
    expect(body.data).toHaveLength(MAX_PROVIDER_MODELS);
    expect(body.left_out).toBe(5);
    expect(body.data[0].owned_by).toHaveLength(64);
  });

  it('never answers with the key: an id that echoes it is left out, an owner that does is redacted', async () => {
    const { text, body } = await ask([{ ...list([{ id: 'echo-{{authorization}}' }, { id: 'fine', owned_by: 'by {{authorization}}' }]), reflectAuth: true }]);
    expect(text).not.toContain(KEY);
    expect(body.data).toEqual([{ id: 'fine', object: 'model', owned_by: 'by [redacted]' }]);
    expect(body.left_out).toBe(1);
  });

  it("maps the provider's errors as chat's are, keeping its words and never the key", async () => {
    const { status, body, text } = await ask([{ kind: 'error', status: 401, body: { error: { message: `Invalid key ${KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' } } }]);
    expect(status).toBe(401);
    expect(body.error.message).toMatch(/rejected the server's API key.*Invalid key \[redacted\].*AIML_API_KEY/);
    expect(text).not.toContain(KEY);
    const failed = await ask([{ kind: 'error', status: 503, body: 'busy', headers: { 'retry-after': '7' } }]);
    expect(failed.status).toBe(503);
  });

  it('says so when the answer is not a model list', async () => {
    const notJson = await ask([{ kind: 'completion', raw: '<html>hi</html>', contentType: 'text/html' }]);
    expect([notJson.status, notJson.body.error.code]).toEqual([502, 'upstream_malformed']);
    expect(notJson.body.error.message).toMatch(/is not JSON/);
    const shape = await ask([{ kind: 'completion', body: { models: ['a'] } }]);
    expect([shape.status, shape.body.error.code]).toEqual([502, 'upstream_malformed']);
    const deep = await ask([{ kind: 'completion', raw: `{"data":${'['.repeat(100)}${']'.repeat(100)}}` }]);
    expect([deep.status, deep.body.error.code]).toEqual([502, 'upstream_too_deep']);
  });

  it('bounds the body and the time', async () => {
    configure({ AIML_API_MAX_BODY_BYTES: '10000' });
    const large = await ask([{ kind: 'flood', contentType: 'application/json', prefix: '{"data":["', fill: 'x', bytes: 50_000, suffix: '"]}' }]);
    expect([large.status, large.body.error.code]).toEqual([502, 'upstream_too_large']);
    configure({ AIML_API_TIMEOUT_MS: '300' });
    const silent = await ask([{ kind: 'hang' }]);
    expect([silent.status, silent.body.error.code]).toEqual([504, 'upstream_timeout']);
    // Headers at once, then a body in blocks far apart: the bound covers the whole answer.
    const trickle = await ask([{ kind: 'flood', contentType: 'application/json', prefix: '{"data":["', fill: 'x', bytes: 400_000, delayMs: 250, suffix: '"]}' }]);
    expect([trickle.status, trickle.body.error.code]).toEqual([504, 'upstream_timeout']);
  });

  it('says a key is needed when none is configured, and asks nothing', async () => {
    configure({ AIML_API_KEY: undefined });
    const { status, body } = await ask();
    expect([status, body.error.code]).toEqual([401, 'no_api_key']);
    expect(body.error.message).toMatch(/AIML_API_KEY/);
    expect(local.upstream.requests()).toHaveLength(0);
  });

  it('counts against the rate limit', async () => {
    configure({ PLAYGROUND_RATE_LIMIT_PER_MINUTE: '2' });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
    expect(local.upstream.requests()).toHaveLength(2);
  });
});
