/**
 * Tool calls run on their MCP server ("Run on <server>"): the store's part. Each run is one request to
 * the playground's server, cancelled by "Cancel" (the server sends MCP's cancellation); its progress and
 * result come back as conversation events (lib/conversation/server-runs.ts). A function whose policy is
 * "run without asking" runs as soon as its call waits for a result, and its result is sent when the run
 * succeeds; "never" offers no run. Only servers the playground's server lists count (a scenario shared
 * from a playground with other servers falls back to its mocks).
 */
import type { ConversationEvent } from '@/lib/conversation/reducer';
import type { ToolCallCard } from '@/lib/conversation/state';
import type { McpBinding, McpPolicy } from '@/lib/scenario/base';
import type { McpCallResult, McpProgress } from '@/lib/mcp/types';
import { parseArguments } from '@/lib/mocks/mock';
import { isRecord, own } from '@/lib/util/json';
import type { PlaygroundData } from './types';

export type RunMcpTool = (
  server: string,
  tool: string,
  args: Record<string, unknown>,
  options: { signal: AbortSignal; onProgress: (progress: McpProgress) => void },
) => Promise<McpCallResult>;

export interface ServerRunActions {
  /** Runs the call on its server; false when it cannot run (no binding, policy "never", server not listed, not waiting). */
  runOnServer(conversationId: string, callKey: string): boolean;
  /** Cancels the call's run. */
  cancelServerRun(conversationId: string, callKey: string): void;
  /** The MCP servers the playground's server has, with their tools' names (the Servers panel loads them). */
  setMcpServers(servers: Record<string, string[]> | null): void;
}

/** How a function's calls may run on its server: its binding and policy, when its server is listed. */
export function serverRunFor(data: Pick<PlaygroundData, 'settings' | 'server'>, name: string): { binding: McpBinding; policy: McpPolicy } | null {
  const binding = data.settings.mcp_bindings ? own(data.settings.mcp_bindings, name) : undefined;
  const listed = data.server.mcpServers;
  if (!binding || !listed || !Object.hasOwn(listed, binding.server) || !listed[binding.server].includes(binding.tool)) return null;
  return { binding, policy: (data.settings.mcp_policies && own(data.settings.mcp_policies, name)) || 'ask' };
}

interface Host {
  get: () => PlaygroundData;
  set: (change: Pick<PlaygroundData, 'server'>) => void;
  apply: (conversationId: string, event: ConversationEvent) => void;
  approve: (conversationId: string, callKey: string) => void;
  runMcpTool: RunMcpTool;
}

interface Internals {
  runDueServerCalls: (conversationId: string) => void;
  /** Cancels the runs of one conversation (or of all): New chat, a removed column, other work opened, a call answered. */
  cancelRuns: (conversationId?: string, callKey?: string) => void;
  /** An evaluation's call run on its server (unless its policy is "never"); null: not served by one. */
  runForEvaluation: (name: string, args: unknown, signal: AbortSignal) => Promise<McpCallResult> | null;
}

export function createServerRunActions(host: Host): ServerRunActions & Internals {
  const runs = new Map<string, AbortController>();
  /** Calls auto-run once each, even after a failure (the person runs it again by hand). */
  const autoStarted = new Set<string>();

  const cardOf = (conversationId: string, callKey: string): ToolCallCard | null => {
    for (const entry of host.get().conversations[conversationId]?.state.entries ?? []) {
      if (entry.kind !== 'assistant') continue;
      const card = entry.toolCalls.find((c) => c.key === callKey);
      if (card) return card;
    }
    return null;
  };

  const start = (conversationId: string, card: ToolCallCard, then?: (result: McpCallResult) => void): boolean => {
    const found = serverRunFor(host.get(), card.name);
    const args = parseArguments(card.arguments);
    if (!found || found.policy === 'never' || card.state !== 'awaiting-result' || card.run?.status === 'running' || !isRecord(args)) return false;
    const key = `${conversationId}\n${card.key}`;
    const controller = new AbortController();
    runs.set(key, controller);
    const { server, tool } = found.binding;
    host.apply(conversationId, { type: 'serverRunStarted', callKey: card.key, server });
    host
      .runMcpTool(server, tool, args, {
        signal: controller.signal,
        onProgress: (progress) => host.apply(conversationId, { type: 'serverRunProgress', callKey: card.key, progress }),
      })
      .then(
        (result) => {
          host.apply(conversationId, { type: 'serverRunFinished', callKey: card.key, result });
          if (!result.isError) then?.(result);
        },
        (error: unknown) => {
          const cancelled = controller.signal.aborted;
          const message = cancelled ? 'Cancelled: the server was asked to stop the call.' : error instanceof Error ? error.message : String(error);
          host.apply(conversationId, { type: 'serverRunFailed', callKey: card.key, error: message, cancelled });
        },
      )
      .finally(() => runs.delete(key));
    return true;
  };

  return {
    runOnServer: (conversationId, callKey) => {
      const card = cardOf(conversationId, callKey);
      return card ? start(conversationId, card) : false;
    },
    cancelServerRun: (conversationId, callKey) => runs.get(`${conversationId}\n${callKey}`)?.abort(),
    setMcpServers: (servers) => host.set({ server: { ...host.get().server, mcpServers: servers } }),
    cancelRuns: (conversationId, callKey) => {
      for (const [key, controller] of runs) {
        const [id, card] = key.split('\n');
        if ((conversationId === undefined || id === conversationId) && (callKey === undefined || card === callKey)) controller.abort();
      }
    },
    runForEvaluation: (name, args, signal) => {
      const found = serverRunFor(host.get(), name);
      if (!found || found.policy === 'never') return null;
      if (!isRecord(args)) return Promise.reject(new Error('its arguments are not a JSON object'));
      return host.runMcpTool(found.binding.server, found.binding.tool, args, { signal, onProgress: () => {} });
    },
    /** Starts each waiting call whose function runs without asking, and sends its result when it succeeds. */
    runDueServerCalls: (conversationId) => {
      const data = host.get();
      if (!data.settings.mcp_policies || !data.server.mcpServers) return;
      for (const entry of data.conversations[conversationId]?.state.entries ?? []) {
        if (entry.kind !== 'assistant') continue;
        for (const card of entry.toolCalls) {
          const key = `${conversationId}\n${card.key}`;
          if (card.state !== 'awaiting-result' || autoStarted.has(key) || serverRunFor(data, card.name)?.policy !== 'auto') continue;
          autoStarted.add(key);
          start(conversationId, card, () => host.approve(conversationId, card.key));
        }
      }
    },
  };
}
