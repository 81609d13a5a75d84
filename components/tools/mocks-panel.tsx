'use client';

/**
 * "Mocks": per function, what each of its calls is offered as a result — a fixed result, rules (first
 * match wins, a default last), a JavaScript function run in a sandbox, or nothing ("Ask me") — and an
 * optional result schema the results are checked against. Switching the kind carries what was typed
 * over (a fixed result becomes the rules' default) and brings back what that kind held before.
 */
import { useId, useRef, type ReactNode } from 'react';
import type { Mock, MockKind, Mocks } from '@/lib/mocks/mock';
import { own, setOwn } from '@/lib/util/json';
import { PanelHeading } from '@/components/ui/controls';
import { MockEditor, ResultSchemaField } from './mock-editor';

interface Props {
  functionNames: string[];
  mocks: Mocks;
  resultSchemas: Record<string, string>;
  onChange: (mocks: Mocks) => void;
  onSchemasChange: (schemas: Record<string, string>) => void;
  /** Shown above a function's mock (how its MCP server runs it, when one does). */
  above?: (name: string) => ReactNode;
}

/** A record with one key set (an own key, `__proto__` too) or removed. */
function withKey<T>(record: Record<string, T>, key: string, value: T | undefined): Record<string, T> {
  const next = Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
  if (value !== undefined) setOwn(next, key, value);
  return next;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The new kind's mock made from the old one, so that what was typed is not lost by a switch. */
export function convertMock(from: Mock | undefined, kind: MockKind): Mock {
  const text = from?.kind === 'fixed' ? from.result : from?.kind === 'rules' ? from.default : '';
  if (kind === 'fixed') return { kind, result: text };
  if (kind === 'rules') return { kind, rules: [], default: text };
  if (kind === 'ask') return { kind };
  const value = text.trim() === '' ? '{}' : isJson(text) ? text.trim() : JSON.stringify(text);
  return { kind, source: `(args, call) => (${value})` };
}

export function MocksPanel({ functionNames, mocks, resultSchemas, onChange, onSchemasChange, above }: Props) {
  const id = useId();
  /** What each function's mock of each kind held when the person switched away from it (this visit only). */
  const earlier = useRef(new Map<string, Mock>());
  const orphans = [...Object.keys(mocks), ...Object.keys(resultSchemas)].filter((name, i, all) => !functionNames.includes(name) && all.indexOf(name) === i);
  const names = [...functionNames, ...orphans];

  const switchKind = (name: string, kind: MockKind) => {
    const current = own(mocks, name);
    if (current) earlier.current.set(`${name}\n${current.kind}`, current);
    onChange(withKey(mocks, name, earlier.current.get(`${name}\n${kind}`) ?? convertMock(current, kind)));
  };

  return (
    <section aria-labelledby={`${id}-h`} className="flex max-h-[45%] min-h-0 shrink-0 flex-col border-t border-zinc-200 dark:border-zinc-800">
      <PanelHeading id={`${id}-h`} title="Mocks" hint="what each call is offered as its result" />
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-3">
        {names.length === 0 ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Add a function to the tools to give it a mock result.</p>
        ) : null}
        {names.map((name) => (
          <div key={name} className="space-y-2">
            {above?.(name)}
            <MockEditor
              name={name}
              mock={own(mocks, name)}
              orphan={!functionNames.includes(name)}
              onChange={(mock) => onChange(withKey(mocks, name, mock))}
              onKind={(kind) => switchKind(name, kind)}
              onRemove={() => {
                onChange(withKey<Mock>(mocks, name, undefined));
                onSchemasChange(withKey<string>(resultSchemas, name, undefined));
              }}
            />
            <ResultSchemaField name={name} text={own(resultSchemas, name) ?? ''} onChange={(text) => onSchemasChange(withKey(resultSchemas, name, text.trim() ? text : undefined))} />
          </div>
        ))}
      </div>
    </section>
  );
}
