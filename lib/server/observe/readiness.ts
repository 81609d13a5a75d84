import 'server-only';
import { serverEnv } from '../env';
import { linkStore } from '../links/store';
import { limitStore } from '../limits/store';
import { mcpConfig } from '../mcp/config';
import { connectionFor } from '../mcp/registry';
import { keyConfigured, redactor } from '../provider';

/**
 * GET /api/ready: whether this instance can serve — its short-link storage and its limit store
 * answer, each within CHECK_MS, checked in parallel. The MCP servers and the provider key are
 * reported, not required: a server starts on first use (and one that fails takes only its tools away),
 * and with no key the offline simulator still answers.
 */
export const CHECK_MS = 2_000;

export interface StoreCheck {
  ok: boolean;
  kind: string;
  ms: number;
  error?: string;
}

export interface McpCheck {
  /** False when PLAYGROUND_MCP_CONFIG cannot be read or parsed. */
  ok: boolean;
  error?: string;
  /** Each configured server as this process knows it; a stdio server is not started by the check (`idle`: not used yet). */
  servers: { name: string; transport: 'stdio' | 'http'; state: string }[];
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  checks: { storage: StoreCheck; limits: StoreCheck; mcp: McpCheck; provider: { key_configured: boolean } };
}

export interface ReadinessProbes {
  storage: { kind: string; ping: () => Promise<unknown> };
  limits: { kind: string; ping: () => Promise<unknown> };
  timeoutMs: number;
}

/** The probes of this process's configuration. */
export function defaultProbes(): ReadinessProbes {
  const env = serverEnv();
  return {
    storage: { kind: env.DATABASE_URL ? 'postgres' : 'sqlite', ping: async () => (await linkStore()).ping() },
    limits: { kind: env.REDIS_URL ? 'redis' : 'memory', ping: async () => limitStore().ping() },
    timeoutMs: CHECK_MS,
  };
}

export async function checkReadiness(probes: ReadinessProbes = defaultProbes()): Promise<Readiness> {
  const [storage, limits] = await Promise.all([bounded(probes.storage, probes.timeoutMs), bounded(probes.limits, probes.timeoutMs)]);
  return {
    status: storage.ok && limits.ok ? 'ready' : 'not_ready',
    checks: { storage, limits, mcp: mcpCheck(), provider: { key_configured: keyConfigured() } },
  };
}

/** One probe, given up on after `timeoutMs` (a store that hangs is as unready as one that refuses). */
export async function bounded(probe: { kind: string; ping: () => Promise<unknown> }, timeoutMs: number): Promise<StoreCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(probe.ping), timedOut]);
    return { ok: true, kind: probe.kind, ms: elapsed(started) };
  } catch (error) {
    return { ok: false, kind: probe.kind, ms: elapsed(started), error: safeMessage(error) };
  } finally {
    clearTimeout(timer);
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

/**
 * A failure's message, safe to show: credentials in any URL replaced, the passwords of DATABASE_URL
 * and REDIS_URL and the server's secrets (key, access token) removed wherever they appear, bounded.
 */
export function safeMessage(error: unknown): string {
  let text = (error instanceof Error ? error.message : String(error)).replace(URL_CREDENTIALS, '$1[redacted]@');
  const env = serverEnv();
  for (const url of [env.DATABASE_URL, env.REDIS_URL]) {
    const password = url ? passwordOf(url) : '';
    if (password) text = text.split(password).join('[redacted]');
  }
  return redactor().text(text).slice(0, 500);
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

function mcpCheck(): McpCheck {
  const config = mcpConfig();
  if (!config.ok) return { ok: false, error: config.error, servers: [] };
  // connectionFor only looks the connection up (or makes its object): nothing is started or connected.
  const servers = [...config.servers].map(([name, spec]) => {
    const connection = connectionFor(name, spec);
    return { name, transport: connection.transportKind, state: connection.state };
  });
  return { ok: true, servers };
}
