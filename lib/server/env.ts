import 'server-only';
import { z } from 'zod';

/**
 * Server configuration, parsed once from the environment (instrumentation.ts parses it at start, so a
 * misconfigured deployment fails with a message naming the variable). Only lib/server reads it.
 */
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() ? value.trim() : undefined));

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number of 0 or more, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });

/** At least 1: a setting where 0 would mean "never" and so turn a defence off by accident. */
const atLeastOne = (fallback: number) =>
  positiveInt(fallback).refine((value) => value >= 1, { message: 'must be 1 or more' });

/**
 * Host names the app answers to (finding 9: DNS rebinding), lower-cased, IPv6 in brackets: a name,
 * `.name` for it and its subdomains, or `*` for any (the check off). Separated by commas or spaces.
 */
const HOST_PATTERN = /^(\*|\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/;
const hostList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const names = (value ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((name) => name.toLowerCase().replace(/\.$/, ''))
      .map((name) => (name.includes(':') && !name.startsWith('[') ? `[${name}]` : name));
    const bad = names.filter((name) => !HOST_PATTERN.test(name));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `must list host names (example.com, .example.com for its subdomains, [::1], or *), got "${bad.join('", "')}"` });
      return z.NEVER;
    }
    return names;
  });

/** A switch: 1/true/yes/on, or 0/false/no/off; unset is off. */
const flag = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const text = (value ?? '').trim().toLowerCase();
    if (['', '0', 'false', 'no', 'off'].includes(text)) return false;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    ctx.addIssue({ code: 'custom', message: `must be 1 or 0 (true/false), got "${value}"` });
    return z.NEVER;
  });

const envSchema = z.object({
  AIML_API_KEY: optionalText,
  AIML_API_BASE_URL: z
    .string()
    .optional()
    .transform((value) => (value && value.trim() ? value.trim() : 'https://api.aimlapi.com/v1'))
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.aimlapi.com/v1' })),
  AIML_API_TIMEOUT_MS: positiveInt(60_000),
  // What the provider may send, bounded (0: no bound). Past a bound, the reply ends with a 502 naming it.
  /** One line of a stream, in characters (the event's JSON is one line). */
  AIML_API_MAX_LINE_CHARS: positiveInt(4 * 1024 * 1024),
  /** One event of a stream (its data lines joined), in characters. */
  AIML_API_MAX_EVENT_CHARS: positiveInt(4 * 1024 * 1024),
  /** A plain (non-streamed) reply or an error reply, in bytes as decoded. */
  AIML_API_MAX_BODY_BYTES: positiveInt(8 * 1024 * 1024),
  /** What a compressed (gzip, deflate, br) body, streamed or not, may inflate to, in bytes. */
  AIML_API_MAX_DECODED_BYTES: positiveInt(64 * 1024 * 1024),
  /** A stream's whole duration, however busy; past it, 504 (0: none). */
  AIML_API_STREAM_TIMEOUT_MS: positiveInt(15 * 60 * 1000),
  /** Upper bound applied to a request's max_tokens / max_completion_tokens when it sends one. */
  PLAYGROUND_MAX_TOKENS: positiveInt(32_768),
  /** When set, every API call needs this token (cookie or Bearer). */
  PLAYGROUND_ACCESS_TOKEN: optionalText,
  /** Wrong access tokens a client may send before it is locked out (finding 3). */
  PLAYGROUND_ACCESS_MAX_FAILURES: atLeastOne(10),
  /** How long a client that sent too many wrong tokens is refused, the right token included. */
  PLAYGROUND_ACCESS_LOCKOUT_SECONDS: atLeastOne(900),
  /**
   * Signs the access cookie. Unset: with REDIS_URL, a random secret made once and kept in Redis for
   * every instance; without, one made when the process starts, so a restart ends every session (and
   * instances behind one load balancer without Redis need it set, to the same value).
   */
  PLAYGROUND_SESSION_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, {
    message: 'must be at least 32 characters (e.g. `openssl rand -base64 32`)',
  }),
  /** Chat requests per client per minute; 0 turns the limit off. */
  PLAYGROUND_RATE_LIMIT_PER_MINUTE: positiveInt(120),
  /**
   * Reverse proxies in front of the app whose X-Forwarded-For / X-Forwarded-Proto are believed, as
   * Express's numeric `trust proxy`: the client is the Nth X-Forwarded-For entry from the right. 0:
   * none, the client is the socket's address.
   */
  PLAYGROUND_TRUST_PROXY: positiveInt(0),
  /** Host names served besides localhost, 127.0.0.1 and [::1]. */
  PLAYGROUND_ALLOWED_HOSTS: hostList,
  /** Path of an `mcpServers` JSON file (Claude Desktop / VS Code format); unset: no MCP servers. */
  PLAYGROUND_MCP_CONFIG: optionalText,
  /** One MCP tool call's time limit; past it the call is cancelled on the server and answered 504-style. */
  PLAYGROUND_MCP_TIMEOUT_MS: atLeastOne(60_000),
  /** An MCP tool call's result, serialized as JSON, in bytes; past it the call fails (`result_too_large`). */
  PLAYGROUND_MCP_MAX_RESULT_BYTES: atLeastOne(1024 * 1024),
  /** MCP tool calls running at once per server; one more is refused with 429. */
  PLAYGROUND_MCP_MAX_CALLS_PER_SERVER: atLeastOne(4),
  /** Log each MCP call's arguments too (they may hold secrets: off unless debugging). */
  PLAYGROUND_MCP_DEBUG_ARGUMENTS: flag,
  /** PostgreSQL for short links (`postgres://user:password@host:5432/db`); unset: a SQLite file in PLAYGROUND_DATA_DIR. */
  DATABASE_URL: optionalText.pipe(z.union([z.undefined(), z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })])),
  /** Where the SQLite file of short links lives (created on start); relative to the working directory. */
  PLAYGROUND_DATA_DIR: optionalText.transform((value) => value ?? 'data'),
  /** Redis for rate limits, lockouts and the session secret shared by every instance (`redis://host:6379`); unset: this process's memory. */
  REDIS_URL: optionalText.pipe(z.union([z.undefined(), z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })])),
  /** A short link's encrypted scenario, in bytes as stored; a bigger one is refused with 413. */
  PLAYGROUND_LINK_MAX_BYTES: atLeastOne(2 * 1024 * 1024),
  /** Longest life a short link may be given, in days (0: links may be kept for ever, the default). */
  PLAYGROUND_LINK_MAX_DAYS: positiveInt(0),
  /** Short links one client may create per minute (their own budget, beside the chat requests'). */
  PLAYGROUND_LINKS_PER_MINUTE: atLeastOne(10),
  /** `info` (one line per request), `debug`, `warn`, `error` or `silent`. */
  PLAYGROUND_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional().transform((value) => value ?? 'info'),
  /** Pause between the offline simulator's stream chunks, so streaming is visible. */
  SIMULATOR_CHUNK_DELAY_MS: positiveInt(15),
});

export type ServerEnv = z.infer<typeof envSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new Error(`Invalid server configuration: ${problems}. See .env.example.`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change the environment between cases. */
export function resetServerEnvForTests(): void {
  cached = undefined;
}

/** At start (instrumentation.ts): Next only logs a failed hook and keeps serving, so exit instead. */
export function stopOnInvalidEnv(): void {
  try {
    serverEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
