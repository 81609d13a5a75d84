import 'server-only';
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { MCP_SERVER_NAME } from '@/lib/mcp/types';
import { serverEnv } from '../env';

/**
 * The MCP servers this playground may reach: only those named in the PLAYGROUND_MCP_CONFIG file, in
 * the format Claude Desktop and VS Code read (`{ "mcpServers": { name: stdio | http } }`). No request
 * names a command or a URL; a request names a server, and only names from this file are looked up.
 * A bad file does not stop the app: every MCP endpoint answers with what is wrong with it.
 */
const text = z.string().max(10_000);

const stdioServer = z
  .object({
    type: z.literal('stdio').optional(),
    command: z.string().min(1).max(4000),
    args: z.array(text).max(200).default([]),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').max(200), text).default({}),
    cwd: z.string().min(1).max(4000).optional(),
  })
  .strict();

const httpServer = z
  .object({
    type: z.enum(['http', 'streamable-http', 'streamableHttp']).optional(),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    headers: z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a header name').max(200), text).default({}),
  })
  .strict();

export const mcpConfigFileSchema = z.object({
  mcpServers: z
    .record(z.string(), z.union([stdioServer, httpServer]))
    .superRefine((servers, ctx) => {
      const names = Object.keys(servers);
      if (names.length > 100) ctx.addIssue({ code: 'custom', message: 'at most 100 servers' });
      for (const name of names.filter((name) => !MCP_SERVER_NAME.test(name))) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'server names may hold only letters, digits, _ . - (1 to 64 of them)' });
      }
    }),
});

export type StdioServerSpec = z.infer<typeof stdioServer>;
export type HttpServerSpec = z.infer<typeof httpServer>;
export type McpServerSpec = StdioServerSpec | HttpServerSpec;

export const isStdio = (spec: McpServerSpec): spec is StdioServerSpec => 'command' in spec;

export type McpConfig = { ok: true; servers: ReadonlyMap<string, McpServerSpec> } | { ok: false; error: string };

const MAX_FILE_BYTES = 1024 * 1024;

/** Parses the file's text; `source` names it in messages. */
export function parseMcpConfig(json: string, source: string): McpConfig {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `The MCP configuration ${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}). Fix the file named by PLAYGROUND_MCP_CONFIG.` };
  }
  const parsed = mcpConfigFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.map(String).join('.') || '(top)'}: ${issue.message}`)
      .join('; ');
    return {
      ok: false,
      error: `The MCP configuration ${source} is not in the mcpServers format: ${problems}. Each server is { "command", "args", "env", "cwd" } or { "url", "headers" }.`,
    };
  }
  return { ok: true, servers: new Map(Object.entries(parsed.data.mcpServers)) };
}

let cached: { path: string; mtimeMs: number; size: number; config: McpConfig } | undefined;

/** The configured servers, read again when the file changes (its mtime or size). */
export function mcpConfig(): McpConfig {
  const path = serverEnv().PLAYGROUND_MCP_CONFIG;
  if (!path) return { ok: true, servers: new Map() };
  const source = `file "${path}"`;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return { ok: false, error: `The MCP configuration ${source} (PLAYGROUND_MCP_CONFIG) cannot be read: it does not exist or is not readable.` };
  }
  if (cached && cached.path === path && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.config;
  if (stat.size > MAX_FILE_BYTES) return { ok: false, error: `The MCP configuration ${source} is larger than ${MAX_FILE_BYTES} bytes.` };
  let json: string;
  try {
    json = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `The MCP configuration ${source} cannot be read (${error instanceof Error ? error.message : String(error)}).` };
  }
  const config = parseMcpConfig(json, source);
  cached = { path, mtimeMs: stat.mtimeMs, size: stat.size, config };
  return config;
}
