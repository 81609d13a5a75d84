import 'server-only';
import OpenAI from 'openai';
import { isSimulatorModel } from '@/lib/wire/models';
import { createSimulatorFetch } from '@/lib/simulator';
import { serverEnv } from './env';
import { createNodeFetch } from './node-fetch';
import { recordingSentHeaders } from './inspect-meta';
import { Redactor } from './redact';
import { keepErrorBodies, type UpstreamErrorOptions } from './upstream-errors';

/**
 * One provider interface for every model: an `openai` client. The offline simulator (every persona: the
 * request's model id picks one) is the same SDK with an in-process fetch, so the proxy has a single code path. Clients are built lazily (a client at
 * import time breaks `next build` without a key) and reused: construction is measurable per request.
 */
export interface Provider {
  kind: 'simulator' | 'upstream';
  client: OpenAI;
}

let simulator: { delay: number; provider: Provider } | undefined;
let upstream: { signature: string; provider: Provider } | undefined;

export function keyConfigured(): boolean {
  return serverEnv().AIML_API_KEY !== undefined;
}

/** The provider for a model id, or null when an upstream model is asked for and no key is configured. */
export function providerFor(model: string): Provider | null {
  const env = serverEnv();
  if (isSimulatorModel(model)) {
    if (simulator?.delay !== env.SIMULATOR_CHUNK_DELAY_MS) {
      const client = new OpenAI({
        apiKey: 'offline-simulator',
        baseURL: 'http://offline-simulator.invalid/v1',
        // The chat route validated each body already (chat-endpoint.ts): the simulator need not again.
        fetch: createSimulatorFetch({ chunkDelayMs: env.SIMULATOR_CHUNK_DELAY_MS, bodiesValidated: true }),
        maxRetries: 0,
      });
      simulator = { delay: env.SIMULATOR_CHUNK_DELAY_MS, provider: { kind: 'simulator', client } };
    }
    return simulator.provider;
  }
  return upstreamProvider();
}

/** The configured provider (AIML_API_BASE_URL with the key), or null when no key is configured. */
export function upstreamProvider(): Provider | null {
  const env = serverEnv();
  if (!env.AIML_API_KEY) return null;
  const signature = [env.AIML_API_BASE_URL, env.AIML_API_KEY, env.AIML_API_TIMEOUT_MS, env.AIML_API_MAX_BODY_BYTES, env.AIML_API_MAX_DECODED_BYTES].join('\n');
  if (upstream?.signature !== signature) {
    const client = new OpenAI({
      apiKey: env.AIML_API_KEY,
      baseURL: env.AIML_API_BASE_URL,
      timeout: env.AIML_API_TIMEOUT_MS,
      // The SDK reads only `error` from an error body; this keeps e.g. the AI/ML API's own `message`.
      // node:http with keep-alive underneath: about half the CPU of undici's fetch per call. Both bound
      // what they read (an error body's size and depth, what a compressed body inflates to).
      // The inspector shows the headers sent (inspect-meta.ts).
      fetch: recordingSentHeaders(keepErrorBodies(createNodeFetch({ maxDecodedBytes: env.AIML_API_MAX_DECODED_BYTES }), { maxBodyBytes: env.AIML_API_MAX_BODY_BYTES })),
      // The person decides whether to retry; silent retries would hide what the provider answered.
      maxRetries: 0,
    });
    upstream = { signature, provider: { kind: 'upstream', client } };
  }
  return upstream.provider;
}

/** Every secret a message could leak: redacted from anything sent back. */
export function secrets(): string[] {
  const env = serverEnv();
  return [env.AIML_API_KEY, env.PLAYGROUND_ACCESS_TOKEN].filter((value): value is string => Boolean(value));
}

let redacting: { signature: string; redactor: Redactor } | undefined;

/** The secrets as a Redactor, built once per configuration (every stream uses it on every chunk). */
export function redactor(): Redactor {
  const hidden = secrets();
  const signature = hidden.join('\n');
  if (redacting?.signature !== signature) redacting = { signature, redactor: new Redactor(hidden) };
  return redacting.redactor;
}

/** What mapping an upstream error needs to know: the secrets to redact, the provider's host, the timeout. */
export function errorContext(): UpstreamErrorOptions {
  const env = serverEnv();
  return { secrets: secrets(), baseURL: env.AIML_API_BASE_URL, timeoutMs: env.AIML_API_TIMEOUT_MS };
}
