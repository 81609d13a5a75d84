'use client';

/**
 * "Servers": the MCP servers the playground's server is configured with (PLAYGROUND_MCP_CONFIG), each
 * with its state and its tools (description, annotations), and "Add" to put a tool, or all of them, into
 * the scenario's tools through the MCP import, remembering which server runs it. Tools of the scenario
 * served by a server this playground does not have are named: their calls use the mocks. Shown only when
 * there is something to show.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Badge, Button, PanelHeading } from '@/components/ui/controls';
import type { McpServer, McpTool } from '@/lib/mcp/types';
import { wordList } from '@/lib/util/words';

const STATE_TONE = { idle: 'neutral', connecting: 'info', ready: 'success', failed: 'danger' } as const;

export function useMcpServers() {
  return useQuery({
    queryKey: ['mcp-servers'],
    queryFn: async () => (await import('@/lib/mcp/client')).fetchMcpServers(),
    staleTime: 60_000,
    retry: false,
  });
}

export function ServersPanel() {
  const id = useId();
  const store = usePlaygroundStore();
  const query = useMcpServers();
  const bindings = usePlayground((s) => s.settings.mcp_bindings);
  const [problem, setProblem] = useState<string | null>(null);
  const servers = query.data?.servers;

  useEffect(() => {
    if (servers) store.getState().setMcpServers(Object.fromEntries(servers.map((server) => [server.name, server.tools.map((tool) => tool.name)])));
  }, [servers, store]);

  const missing = Object.entries(bindings ?? {}).filter(([, binding]) => servers && !servers.some((s) => s.name === binding.server && s.tools.some((t) => t.name === binding.tool)));
  if (!servers?.length && !missing.length && !query.error) return null;

  const add = async (server: McpServer, tools: readonly McpTool[]) => {
    // The import and the editor's edits load on the first Add: the panel shows on every page.
    const [{ importTools }, { applyImport }] = await Promise.all([import('@/lib/tool-formats/import'), import('@/components/tools/apply-import')]);
    const imported = importTools({ tools }, 'mcp');
    if ('error' in imported) return setProblem(imported.error);
    // Each added tool keeps the MCP name it is called by (the import maps them one to one, in order,
    // unless it had to leave one out: then none is bound rather than one bound to the wrong tool).
    const oneToOne = imported.tools.length === tools.length;
    const made = applyImport(store, imported.tools, 'append', oneToOne ? tools.map((tool) => ({ server: server.name, tool: tool.name })) : undefined);
    setProblem('error' in made ? made.error : null);
  };

  return (
    <section aria-labelledby={`${id}-h`} className="border-b border-zinc-200 dark:border-zinc-800">
      <PanelHeading id={`${id}-h`} title="Servers">
        <Button size="sm" variant="ghost" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? 'Refreshing…' : 'Refresh servers'}
        </Button>
      </PanelHeading>
      <div className="max-h-48 space-y-3 overflow-y-auto p-3 text-xs" tabIndex={0} aria-label="MCP servers and their tools" role="group">
        {query.error ? <p role="alert" className="text-rose-700 dark:text-rose-300">The servers could not be listed: {query.error.message}</p> : null}
        {problem ? <p role="alert" className="text-rose-700 dark:text-rose-300">{problem}</p> : null}
        {missing.length ? (
          <p className="text-amber-800 dark:text-amber-300">
            {wordList(missing.map(([name]) => name))} {missing.length === 1 ? 'is' : 'are'} served by{' '}
            {wordList([...new Set(missing.map(([, b]) => `“${b.server}”`))])}, which this playground’s server does not have: their calls use the mocks.
          </p>
        ) : null}
        {(servers ?? []).map((server) => (
          <div key={server.name} className="space-y-1.5">
            <div className="flex items-center gap-2">
              <span className="font-mono font-semibold text-zinc-800 dark:text-zinc-200">{server.name}</span>
              <span className="text-zinc-600 dark:text-zinc-400">{server.transport === 'stdio' ? 'stdio' : 'Streamable HTTP'}</span>
              <Badge tone={STATE_TONE[server.state]}>{server.state}</Badge>
              {server.tools.length ? (
                <Button size="sm" variant="ghost" className="ml-auto" aria-label={`Add all tools of ${server.name}`} onClick={() => void add(server, server.tools)}>
                  Add all
                </Button>
              ) : null}
            </div>
            {server.error ? <p className="text-rose-700 dark:text-rose-300">{server.error}</p> : null}
            <ul aria-label={`Tools of ${server.name}`} className="space-y-1">
              {server.tools.map((tool) => (
                <li key={tool.name} className="flex items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <span className="font-mono text-zinc-800 dark:text-zinc-200">{tool.name}</span>
                    {tool.annotations?.readOnlyHint === true ? <span className="ml-1.5 text-emerald-700 dark:text-emerald-400">read-only</span> : null}
                    {tool.annotations?.destructiveHint === true && tool.annotations?.readOnlyHint !== true ? <span className="ml-1.5 text-rose-700 dark:text-rose-300">destructive</span> : null}
                    {tool.description ? <p className="line-clamp-2 text-zinc-600 dark:text-zinc-400">{tool.description}</p> : null}
                  </div>
                  <Button size="sm" variant="secondary" aria-label={`Add ${tool.name}`} onClick={() => void add(server, [tool])}>
                    Add
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
