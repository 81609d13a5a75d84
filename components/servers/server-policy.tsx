'use client';

/**
 * Whether a call to a function served by an MCP server runs there: "Ask every time" (the default: "Run
 * on <server>" on its card), "Run without asking" (runs and sends its result with no click: offered for
 * a tool its server marks read-only, or once the person allows it for this tool), or "Never run" (the
 * mock only). Shown above the function's mock.
 */
import { useId, useState } from 'react';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { fieldClass } from '@/components/ui/controls';
import type { McpPolicy } from '@/lib/scenario/base';
import { own, setOwn } from '@/lib/util/json';

const LABELS: Record<McpPolicy, string> = { ask: 'Ask every time', auto: 'Run without asking', never: 'Never run (mock only)' };

export function ServerPolicy({ name }: { name: string }) {
  const id = useId();
  const store = usePlaygroundStore();
  const { binding, policy, readOnly } = usePlayground((s) => ({
    binding: s.settings.mcp_bindings ? own(s.settings.mcp_bindings, name) : undefined,
    policy: (s.settings.mcp_policies && own(s.settings.mcp_policies, name)) || 'ask',
    readOnly: (s.settings.tool_annotations && own(s.settings.tool_annotations, name)?.readOnlyHint) === true,
  }));
  const [allowedHere, setAllowed] = useState(false);
  // A policy of "run without asking" (from a scenario or a link) counts as allowed: the menu shows it.
  const allowed = allowedHere || policy === 'auto';
  if (!binding) return null;

  const choose = (next: McpPolicy) => {
    const policies = { ...store.getState().settings.mcp_policies };
    if (next === 'ask') delete policies[name];
    else setOwn(policies, name, next);
    store.getState().patchSettings({ mcp_policies: Object.keys(policies).length ? policies : undefined });
  };
  const offered: McpPolicy[] = readOnly || allowed ? ['ask', 'auto', 'never'] : ['ask', 'never'];

  return (
    <div className="space-y-1 rounded-md border border-sky-200 bg-sky-50 p-2 text-xs dark:border-sky-900 dark:bg-sky-950/40">
      <p className="text-zinc-700 dark:text-zinc-300">
        Runs on the MCP server <span className="font-mono font-medium">{binding.server}</span> (tool <span className="font-mono">{binding.tool}</span>)
        {readOnly ? ', marked read-only' : ''}.
      </p>
      <label htmlFor={`${id}-policy`} className="block font-medium text-zinc-700 dark:text-zinc-300">
        When the model calls {name}
      </label>
      <select id={`${id}-policy`} className={fieldClass} value={policy} onChange={(e) => choose(e.target.value as McpPolicy)}>
        {offered.map((p) => (
          <option key={p} value={p}>
            {LABELS[p]}
          </option>
        ))}
      </select>
      {!readOnly ? (
        <label className="flex items-center gap-2 text-zinc-700 dark:text-zinc-300">
          <input
            type="checkbox"
            checked={allowed}
            onChange={(e) => {
              setAllowed(e.target.checked);
              if (!e.target.checked && policy === 'auto') choose('ask');
            }}
          />
          Allow running {name} without asking (its server does not mark it read-only)
        </label>
      ) : null}
    </div>
  );
}
