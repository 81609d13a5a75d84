/**
 * A server module's tests against a real local upstream (e2e/upstream): starts it once per file,
 * points the server's environment at it with the given key and settings, and puts both back after
 * each test and at the end. `configure(more)` changes settings for one test (undefined unsets).
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestUpstream } from '../../../e2e/upstream/server.mjs';
import type { TestUpstream } from '../../../e2e/upstream/types';
import { resetLimitStoreForTests } from '../limits/store';
import { resetServerEnvForTests } from '../env';

type EnvChange = Record<string, string | undefined>;

export interface LocalUpstream {
  /** The running upstream (valid from beforeAll on). */
  readonly upstream: TestUpstream;
  configure(more?: EnvChange): void;
}

export function useLocalUpstream(key: string, defaults: EnvChange): LocalUpstream {
  const saved = { ...process.env };
  let running: TestUpstream | null = null;
  const local: LocalUpstream = {
    get upstream() {
      if (!running) throw new Error('the local upstream starts in beforeAll');
      return running;
    },
    configure(more = {}) {
      for (const name of Object.keys(process.env)) if (/^(AIML_API_|PLAYGROUND_)/.test(name)) delete process.env[name];
      const env = { AIML_API_KEY: key, AIML_API_BASE_URL: local.upstream.url, ...defaults, ...more };
      for (const [name, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetServerEnvForTests();
      resetLimitStoreForTests();
    },
  };
  beforeAll(async () => {
    running = await startTestUpstream();
    local.configure();
  });
  afterEach(() => {
    local.upstream.reset();
    local.configure();
  });
  afterAll(async () => {
    process.env = saved;
    resetServerEnvForTests();
    await running?.close();
  });
  return local;
}
