'use client';

/**
 * Strict mode per tool: a switch that writes `strict: true` into the tool (or takes it out), and what the
 * schema still needs for OpenAI to accept it, with the fix that makes it strict-compatible.
 */
import { useId, useMemo } from 'react';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { Button } from '@/components/ui/controls';
import { Popover } from '@/components/ui/popover';
import { plural } from '@/lib/util/words';
import { quickFixEdit, strictEdit, type TextEdit, type ToolEditResult } from '@/lib/tools/tools-text';
import type { LintProblem } from '@/lib/tools/lint';
import { isRecord } from '@/lib/util/json';

const STRICT_RULE = /^openai-strict\//;

export function StrictSwitches({ onEdit }: { onEdit: (edit: TextEdit) => void }) {
  const id = useId();
  const store = usePlaygroundStore();
  const lint = usePlayground((s) => s.tools.lint);
  // From the text as the lint last saw it, not the lint's tools: a strict tool that needs changes is an
  // error, and its switch must still show it on (to switch it off).
  const tools = useMemo(() => (lint.checking ? [] : switchable(store.getState().tools.text)), [lint, store]);
  if (!tools.length) return null;
  const strictCount = tools.filter((tool) => tool.strict).length;
  const needs = (index: number): LintProblem[] => lint.problems.filter((p) => p.toolIndex === index && p.rule && STRICT_RULE.test(p.rule));
  const run = (result: ToolEditResult) => {
    if ('edit' in result) onEdit(result.edit);
  };
  const text = () => store.getState().tools.text;

  return (
    <Popover button={`Strict (${strictCount}/${tools.length})`} label={`Strict mode: ${strictCount} of ${plural(tools.length, 'tool')}`} panelClassName="w-80">
      <p className="px-1 pb-1.5 text-zinc-600 dark:text-zinc-400">
        <span className="font-mono">strict: true</span> makes OpenAI hold the model&apos;s arguments to the schema exactly; the schema must then follow strict mode&apos;s rules.
      </p>
      <ul aria-label="Strict mode" className="max-h-72 space-y-1.5 overflow-y-auto px-1">
        {tools.map((tool, index) => {
          const problems = tool.strict ? needs(index) : [];
          const fix = problems.find((p) => p.fix)?.fix;
          return (
            <li key={`${index}-${tool.name}`} className="space-y-0.5">
              <label htmlFor={`${id}-${index}`} className="flex items-center gap-2">
                <input
                  id={`${id}-${index}`}
                  type="checkbox"
                  role="switch"
                  checked={tool.strict}
                  onChange={(e) => run(strictEdit(text(), index, e.target.checked))}
                />
                <span className="font-mono">Strict: {tool.name}</span>
              </label>
              {problems.length ? (
                <div className="ml-6 space-y-1 text-rose-700 dark:text-rose-300">
                  <p>Still needs {plural(problems.length, 'change')}: {problems[0].message}</p>
                  {fix ? (
                    <Button size="sm" variant="secondary" onClick={() => run(quickFixEdit(text(), fix.id, index))}>
                      {fix.title}
                    </Button>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Popover>
  );
}

/** Each tool's name and strict flag, when the text is a JSON array of tools; none otherwise. */
function switchable(text: string): Array<{ name: string; strict: boolean }> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.map((tool, index) => {
    const fn = isRecord(tool) && isRecord(tool.function) ? tool.function : {};
    return { name: typeof fn.name === 'string' ? fn.name : `tool ${index + 1}`, strict: fn.strict === true };
  });
}
