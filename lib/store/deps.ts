/** What the playground store calls outside itself, and the page's defaults: tests replace any of them. */
import type { ToolsLint } from '@/lib/tools/lint';
import { lintToolsIfLoaded, lintToolsOrExplain } from '@/lib/tools/lint';
import type { ChatRequest } from '@/lib/wire/chat';
import { streamChat, type StreamOptions, type StreamResult } from '@/lib/wire/chat-client';
import { runJavaScriptMock, type MockRun } from '@/lib/mocks/javascript-runner';
import type { SandboxRequest } from '@/lib/mocks/sandbox-worker';
import type { RuleTarget } from '@/lib/tool-formats/rules';
import { loadEvaluationRunner, type EvaluationDeps } from './evaluate';
import type { RunMcpTool } from './server-runs';

export interface PlaygroundDeps {
  streamChat: (body: ChatRequest, options: StreamOptions) => Promise<StreamResult>;
  /** The tools lint now; null while the schema checks have not loaded. */
  lintNow: (text: string, targets?: readonly RuleTarget[]) => ToolsLint | null;
  /** The tools lint, loading the schema checks if needed; never rejects. */
  lint: (text: string, targets?: readonly RuleTarget[]) => Promise<ToolsLint>;
  now: () => number;
  newRequestId: () => string;
  /** The lint runs this long after the last edit at most (Monaco's markers follow it). */
  lintDelayMs: number;
  /** Runs a JavaScript mock for one call (a sandboxed worker in the page); never rejects. */
  runMock: (request: SandboxRequest) => Promise<MockRun>;
  /** Runs a tool on a configured MCP server, through the playground's server. */
  runMcpTool: RunMcpTool;
  /** The evaluation runner, loaded when the first evaluation starts. */
  loadRunner: EvaluationDeps['loadRunner'];
  /** Calls back before the next paint: an evaluation's progress reaches the store at most this often. */
  nextFrame: (callback: () => void) => void;
}

let requestCounter = 0;
function defaultRequestId(): string {
  requestCounter += 1;
  return `req_${Date.now().toString(36)}${requestCounter.toString(36)}`;
}

export const DEFAULT_DEPS: PlaygroundDeps = {
  streamChat,
  lintNow: lintToolsIfLoaded,
  lint: lintToolsOrExplain,
  now: () => Date.now(),
  newRequestId: defaultRequestId,
  lintDelayMs: 200,
  runMock: (request) => runJavaScriptMock(request),
  // Loaded on the first run: the client checks the server's answers with zod, which the first paint does without.
  runMcpTool: async (...args) => (await import('@/lib/mcp/client')).runMcpTool(...args),
  loadRunner: loadEvaluationRunner,
  nextFrame: (callback) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => callback()) : setTimeout(callback, 16)),
};
