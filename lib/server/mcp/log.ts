import 'server-only';
import type { Readable } from 'node:stream';
import { logger } from '../observe/logger';

/**
 * What the MCP side writes to the app's log, one JSON object a line: each tool run (never its
 * arguments, which may hold secrets, unless PLAYGROUND_MCP_DEBUG_ARGUMENTS says so) and a started
 * server's stderr, bounded per line and per process.
 */
export interface McpRunRecord {
  server: string;
  tool: string;
  durationMs: number;
  /** `ok`, `tool_error` (the tool's isError) or an error code: timeout, server_crashed, … */
  outcome: string;
  /** A notifications/cancelled went to the server (a timeout or the person's Cancel). */
  cancelled?: boolean;
  arguments?: unknown;
}

type Sink = (line: string) => void;
/** Null: the app's log (lib/server/observe/logger.ts), at level info. */
let sink: Sink | null = null;

/** Tests read the log, one JSON line each. Returns the previous sink. */
export function setMcpLogSink(next: Sink | null): Sink | null {
  const previous = sink;
  sink = next;
  return previous;
}

function write(record: { event: string } & Record<string, unknown>): void {
  if (sink) sink(JSON.stringify(record));
  else logger().info(record, record.event);
}

export function logRun(record: McpRunRecord): void {
  write({ event: 'mcp_call', ...record });
}

const MAX_LINE = 2000;
const MAX_LINES = 500;

/** A server's stderr, line by line: lines cut at 2000 characters, the first 500 lines per process. */
export function logStderr(server: string, stream: Readable | null): void {
  if (!stream) return;
  let lines = 0;
  let partial = '';
  const emit = (line: string) => {
    lines += 1;
    if (lines <= MAX_LINES) write({ event: 'mcp_stderr', server, line: line.slice(0, MAX_LINE) });
    else if (lines === MAX_LINES + 1) write({ event: 'mcp_stderr', server, line: `(further stderr of this process not logged: over ${MAX_LINES} lines)` });
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    if (partial.length > MAX_LINE) {
      emit(partial);
      partial = '';
    }
    for (const part of parts) if (part.trim()) emit(part);
  });
  stream.on('end', () => {
    if (partial.trim()) emit(partial);
  });
}
