import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { apiError, errorTypeForStatus } from '@/lib/wire/api-error';
import { schemaErrors, sdkClient, sseResponse } from './fixtures/harness';
import { UpstreamFormatError } from './normalize';
import {
  fromUpstreamError,
  isClientAbort,
  keepErrorBodies,
  redactSecrets,
  STREAM_CUT_MESSAGE,
  streamCutOff,
  streamErrorEvent,
  type ApiErrorResult,
} from './upstream-errors';

const KEY = 'sk-test-key-123456';
const opts = { secrets: [KEY, 'access-token-xyz'], baseURL: 'https://user:pw@api.aimlapi.com/v1?k=secret', timeoutMs: 20 };
type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Runs a real SDK request against `fetch` and returns what it throws. */
async function sdkError(fetch: Fetch, signal?: AbortSignal, timeout?: number): Promise<unknown> {
  const client = sdkClient(fetch);
  try {
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { signal, ...(timeout ? { timeout } : {}) }).asResponse();
  } catch (error) {
    return error;
  }
  throw new Error('the SDK did not throw');
}

const answer = (body: string, status: number, headers: Record<string, string> = {}): Fetch => async () => new Response(body, { status, headers });
const json = { 'content-type': 'application/json' };

/** The SDK's error for this upstream answer, mapped; checked against OpenAI's ErrorResponse schema. */
async function mapped(fetch: Fetch): Promise<ApiErrorResult> {
  const result = fromUpstreamError(await sdkError(fetch), opts);
  expect(schemaErrors('ErrorResponse', result.body)).toBe('');
  expect(JSON.stringify(result)).not.toContain(KEY);
  return result;
}

describe('apiError', () => {
  it('types errors by status', () => {
    expect([400, 401, 403, 404, 413, 429, 499, 500, 502, 504, 418, 599].map(errorTypeForStatus)).toEqual([
      'invalid_request_error', 'authentication_error', 'permission_error', 'not_found_error', 'request_too_large', 'rate_limit_error',
      'client_closed_request', 'api_error', 'upstream_error', 'timeout_error', 'invalid_request_error', 'api_error',
    ]);
    expect(apiError(429, 'Slow down.', { code: 'rate_limited', headers: { 'Retry-After': '3' } })).toEqual({
      status: 429,
      body: { error: { message: 'Slow down.', type: 'rate_limit_error', code: 'rate_limited', param: null } },
      headers: { 'Retry-After': '3' },
    });
  });
});

describe('redactSecrets', () => {
  it('removes each secret, its URL-encoded form, Bearer tokens and sk- keys', () => {
    const text = `key ${KEY} again ${KEY}; token access-token-xyz; url ?k=${encodeURIComponent('a b+c')}; Authorization: Bearer eyJh.bG.c9; other sk-proj-abcdef123`;
    expect(redactSecrets(text, [KEY, 'access-token-xyz', 'a b+c'])).toBe(
      'key [redacted] again [redacted]; token [redacted]; url ?k=[redacted]; Authorization: [redacted]; other [redacted]',
    );
    expect(redactSecrets('nothing here', ['', '  '])).toBe('nothing here');
    expect(redactSecrets('abcdef', ['abc', 'abcdef'])).toBe('[redacted]'); // longest first
  });
});

describe('fromUpstreamError: HTTP errors through the real SDK', () => {
  it('401 OpenAI envelope: keeps 401, the upstream words (key redacted), and says to check AIML_API_KEY', async () => {
    const body = JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key', param: null } });
    const result = await mapped(answer(body, 401, json));
    expect(result.status).toBe(401);
    expect(result.body.error).toEqual({
      message: "The model provider rejected the server's API key (401): Incorrect API key provided: [redacted]. Check AIML_API_KEY on the server (missing, mistyped, revoked, or for another provider), then retry.",
      type: 'authentication_error',
      code: 'invalid_api_key',
      param: null,
    });
  });

  it('AI/ML API body: the SDK alone loses the message; keepErrorBodies keeps it and its statusCode', async () => {
    const body = JSON.stringify({ message: "You've run out of credits. Top up at aimlapi.com/app/billing", path: '/v1/chat/completions', requestId: 'r-1', statusCode: '403', timestamp: '2025-01-01T00:00:00Z' });
    const bare = await sdkError(answer(body, 403, json));
    expect((bare as APIError).message).toBe('403 status code (no body)');
    expect((bare as APIError).error).toBeUndefined();
    expect((await mapped(answer(body, 403, json))).body.error.message).toMatch(/^The model provider refused the request \(403\) without saying why\./);
    const kept = await mapped(keepErrorBodies(answer(body, 403, json)));
    expect(kept.status).toBe(403);
    expect(kept.body.error.message).toBe(
      "The model provider refused the request (403): You've run out of credits. Top up at aimlapi.com/app/billing. Check the account behind AIML_API_KEY (credits, access to this model), then retry.",
    );
    const relabelled = await mapped(keepErrorBodies(answer(body.replace('"403"', '"402"'), 400, json)));
    expect(relabelled.status).toBe(402);
  });

  it('NestJS validation lists and Ollama {error: "…"} strings are read', async () => {
    const nest = JSON.stringify({ message: ['model must be a string', 'messages should not be empty'], error: 'Bad Request', statusCode: 400 });
    expect((await mapped(keepErrorBodies(answer(nest, 400, json)))).body.error.message).toContain(': model must be a string; messages should not be empty. Change the request');
    const ollama = JSON.stringify({ error: "model 'llama9' not found" });
    for (const fetch of [answer(ollama, 404, json), keepErrorBodies(answer(ollama, 404, json))]) {
      const result = await mapped(fetch);
      expect(result.status).toBe(404);
      expect(result.body.error.message).toBe("The model provider found no such model or endpoint (404): model 'llama9' not found. Check the model id, and that AIML_API_BASE_URL points at an OpenAI-compatible /v1 endpoint.");
    }
  });

  it('HTML error pages become one line naming the page title', async () => {
    const nginx = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const result = await mapped(keepErrorBodies(answer(nginx, 502, { 'content-type': 'text/html' })));
    expect(result.status).toBe(502);
    expect(result.body.error.message).toMatch(/^The upstream answered 502 with an HTML page \(Bad Gateway\) instead of an API reply\. This is on the provider's side/);
    const cloudflare = '<!DOCTYPE html><html><head><title>api.aimlapi.com | 524: A timeout occurred</title></head><body>…</body></html>';
    const cf = await mapped(answer(cloudflare, 524, { 'content-type': 'text/html; charset=UTF-8' }));
    expect([cf.status, cf.body.error.message.split(' instead')[0]]).toEqual([524, 'The upstream answered 524 with an HTML page (api.aimlapi.com | 524: A timeout occurred)']);
    const untitled = await mapped(answer('<html><body>oops</body></html>', 503, {}));
    expect(untitled.body.error.message).toContain('with an HTML page (Service Unavailable)');
  });

  it('plain text bodies reach the person verbatim, truncated at 500 characters, secrets redacted', async () => {
    const envoy = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';
    const result = await mapped(answer(envoy, 503, { 'content-type': 'text/plain' }));
    expect(result.body.error.message).toBe(`The model provider failed (503): ${envoy}. This is on the provider's side: retry in a moment, or pick another model.`);
    const long = await mapped(answer(`${'x'.repeat(600)} ${KEY}`, 500, {}));
    expect(long.body.error.message).toContain(`${'x'.repeat(500)}…`);
    const leaked = await mapped(answer(`bad header Authorization: Bearer ${KEY}`, 500, {}));
    expect(leaked.body.error.message).toContain('bad header Authorization: [redacted].');
    expect((await mapped(answer('', 500, {}))).body.error.message).toContain('(500) without saying why.');
  });

  it('429 keeps Retry-After (and only that header) and says how long to wait', async () => {
    const body = JSON.stringify({ error: { message: 'Rate limit reached for gpt-4o.', type: 'requests', code: 'rate_limit_exceeded', param: null } });
    const result = await mapped(answer(body, 429, { ...json, 'retry-after': '7', 'x-request-id': 'req_abc', 'set-cookie': 'a=b' }));
    expect(result.status).toBe(429);
    expect(result.headers).toEqual({ 'Retry-After': '7' });
    expect(result.body.error.message).toBe('The model provider is rate-limiting requests (429): Rate limit reached for gpt-4o. Wait 7 s, then retry.');
    expect(result.body.error.type).toBe('rate_limit_error');
  });

  it('a redirect means a wrong base URL: 502 that says so', async () => {
    const result = await mapped(answer('', 301, { location: 'https://elsewhere.example/' }));
    expect(result.status).toBe(502);
    expect(result.body.error.message).toContain('answered 301 instead of a reply. Check that AIML_API_BASE_URL');
  });
});

describe('fromUpstreamError: connection, timeout, abort', () => {
  const hang: Fetch = (_input, init) =>
    new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError'))));

  it('SDK timeout → 504 quoting the timeout', async () => {
    const result = fromUpstreamError(await sdkError(hang, undefined, 20), opts);
    expect(result.status).toBe(504);
    expect(result.body.error.message).toBe("The model provider did not answer within 20 ms. It may be overloaded: retry, pick another model, or raise the server's timeout.");
  });

  it('refused / unresolvable → 502 naming the host only', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED', address: '10.0.0.1', port: 443 });
    const result = fromUpstreamError(await sdkError(async () => Promise.reject(new TypeError('fetch failed', { cause: refused }))), opts);
    expect(result.status).toBe(502);
    expect(result.body.error.message).toBe(
      "Could not reach the model provider at api.aimlapi.com: the connection was refused (nothing listens there). Check AIML_API_BASE_URL and the server's network, then retry.",
    );
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND api.example.invalid'), { code: 'ENOTFOUND', hostname: 'api.example.invalid' });
    const noBase = fromUpstreamError(await sdkError(async () => Promise.reject(new TypeError('fetch failed', { cause: dns }))), { secrets: [] });
    expect(noBase.body.error.message).toContain('at api.example.invalid: the host name does not resolve.');
  });

  it('the client going away → 499, recognisable and never meant to be sent', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const result = fromUpstreamError(await sdkError(hang, controller.signal), opts);
    expect([result.status, isClientAbort(result)]).toEqual([499, true]);
    expect(isClientAbort(fromUpstreamError(new DOMException('aborted', 'AbortError'), opts))).toBe(true);
    expect(isClientAbort(apiError(502, 'x'))).toBe(false);
  });
});

describe('stream errors', () => {
  const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hal' }, finish_reason: null }] };

  async function sdkStreamError(events: unknown[]): Promise<APIError> {
    const client = sdkClient(async () => sseResponse(events, { done: false }));
    const error = await client.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).finalChatCompletion().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    return error as APIError;
  }

  it('an upstream {"error": …} event maps by its type; the SDK throws APIError on it', async () => {
    const upstream = { error: { message: `Internal error (key ${KEY})`, type: 'server_error', code: null, param: null } };
    const thrown = await sdkStreamError([chunk, upstream]);
    expect(thrown.error).toEqual(upstream.error);
    for (const input of [thrown, upstream]) {
      const result = fromUpstreamError(input, opts);
      expect(result.status).toBe(502);
      expect(result.body.error.message).toBe("The model provider reported an error: Internal error (key [redacted]). This is on the provider's side: retry in a moment, or pick another model.");
    }
    expect(fromUpstreamError({ error: { message: 'Slow down', type: 'rate_limit_error' } }, opts).status).toBe(429);
    expect(fromUpstreamError({ message: 'Forbidden: no credits', statusCode: '403' }, opts).status).toBe(403);
  });

  it('streamErrorEvent: the payload the proxy sends; the SDK throws it as an APIError', async () => {
    const failure = fromUpstreamError({ error: { message: 'Overloaded', type: 'overloaded_error' } }, opts);
    const payload = streamErrorEvent(failure);
    expect(JSON.parse(payload)).toEqual({ error: { ...failure.body.error, status: failure.status } });
    expect(schemaErrors('ErrorResponse', JSON.parse(payload))).toBe('');
    const thrown = await sdkStreamError([chunk, JSON.parse(payload)]);
    expect(thrown.message).toBe(failure.body.error.message);
    expect(thrown.error).toMatchObject(failure.body.error);
  });

  it('a stream cut before [DONE] has its own message, also from undici\'s "terminated"', async () => {
    expect(streamCutOff()).toEqual(apiError(502, STREAM_CUT_MESSAGE, { code: 'stream_incomplete' }));
    expect(STREAM_CUT_MESSAGE).toBe(
      "The model's reply was cut off before it finished (the upstream closed the stream early). The partial reply is kept; retry to ask again.",
    );
    const terminated = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(fromUpstreamError(terminated, opts)).toEqual(streamCutOff());
    const thrown = await sdkStreamError([chunk, JSON.parse(streamErrorEvent(streamCutOff()))]);
    expect(thrown.message).toBe(STREAM_CUT_MESSAGE);
  });

  it('a reply that cannot be read, or an unknown failure, is a 502 with a message', () => {
    expect(fromUpstreamError(new UpstreamFormatError('The model provider sent a stream event that is not a JSON object.'), opts)).toMatchObject({
      status: 502,
      body: { error: { code: 'upstream_malformed' } },
    });
    const overloaded = new UpstreamFormatError('x', { message: 'Model is overloaded', type: 'upstream_error', code: null, param: null, status: 503 });
    expect(fromUpstreamError(overloaded, opts)).toMatchObject({ status: 503, body: { error: { message: expect.stringMatching(/^The model provider reported an error \(503\): Model is overloaded\./) } } });
    expect(fromUpstreamError(new RangeError(`boom ${KEY}`), opts).body.error.message).toBe(
      'Talking to the model provider failed: boom [redacted]. Retry; if it keeps failing, check the server log.',
    );
  });
});

describe('fromUpstreamError: what a provider echoes, and what it sends too much of', () => {
  const HEX = 'f3a91c07d5e24b6f8a1c9e0d7b3f5a21';
  const hexOpts = { secrets: [HEX] };
  const withHex = async (fetch: Fetch) => fromUpstreamError(await sdkError(fetch), hexOpts);

  it('redacts a key before cutting the message, so no cut-off piece of it is left', async () => {
    for (const at of [1_960, 1_980, 1_995, 2_010]) {
      const body = JSON.stringify({ error: { message: `${'x'.repeat(at)}${HEX}${'y'.repeat(100)}` } });
      const result = await withHex(answer(body, 400, json));
      expect(result.body.error.message).not.toContain(HEX.slice(0, 8));
    }
    const html = `<html><head><title>${'t'.repeat(110)}${HEX}</title></head></html>`;
    expect((await withHex(answer(html, 502, { 'content-type': 'text/html' }))).body.error.message).not.toContain(HEX.slice(0, 6));
    const text = await withHex(answer(`${'z'.repeat(495)}${HEX}`, 500, {}));
    expect(text.body.error.message).not.toContain(HEX.slice(0, 4));
  });

  it('passes on Retry-After only as delay-seconds or an HTTP-date, never an echoed key', async () => {
    const body = JSON.stringify({ error: { message: 'slow down' } });
    const retryAfter = async (value: string) => (await withHex(answer(body, 429, { ...json, 'retry-after': value }))).headers?.['Retry-After'];
    expect(await retryAfter(HEX)).toBeUndefined();
    expect(await retryAfter(`Bearer ${HEX}`)).toBeUndefined();
    expect(await retryAfter('1; rm -rf')).toBeUndefined();
    expect(await retryAfter('120')).toBe('120');
    expect(await retryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });

  it('an error body nested too deep, or larger than the body bound, is a 502 that says which', async () => {
    const deep = `{"error":${'{"error":'.repeat(100_000)}"x"${'}'.repeat(100_000)}}`;
    // keepErrorBodies refuses it before the SDK walks it (the SDK alone overflows the stack on it).
    const tooDeep = await withHex(keepErrorBodies(answer(deep, 400, json)));
    expect([tooDeep.status, tooDeep.body.error.code]).toEqual([502, 'upstream_too_deep']);
    expect(tooDeep.body.error.message).toContain('an error reply (400) whose JSON is nested deeper than 64 levels');
    const big = fromUpstreamError(await sdkError(keepErrorBodies(answer('e'.repeat(5_000), 500), { maxBodyBytes: 1_000 })), hexOpts);
    expect([big.status, big.body.error.code]).toEqual([502, 'upstream_too_large']);
    expect(big.body.error.message).toContain('AIML_API_MAX_BODY_BYTES');
  });
});
