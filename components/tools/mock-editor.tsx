'use client';

/**
 * One function's mock in the Mocks panel: its kind, and the editor for that kind — a fixed result; the
 * rules (`when` as JSON, the result) and the default; the JavaScript function; or a note for "Ask me".
 * Also the function's optional result schema. Every box is named after the function, for people and tests.
 */
import { useId } from 'react';
import { MOCK_LIMITS, type Mock, type MockKind, type MockRule } from '@/lib/mocks/mock';
import { MOCK_RESULT_MAX_CHARS, MOCK_TIME_LIMIT_MS } from '@/lib/mocks/javascript-runner';
import { whenProblem } from '@/lib/mocks/rules';
import { Button } from '@/components/ui/controls';
import { FoldedValue, useFoldedEdit } from '@/components/ui/folded-text';

const KINDS: Array<{ kind: MockKind; label: string }> = [
  { kind: 'fixed', label: 'Fixed result' },
  { kind: 'rules', label: 'Rules' },
  { kind: 'javascript', label: 'JavaScript' },
  { kind: 'ask', label: 'Ask me' },
];

const boxClass =
  'w-full resize-y rounded-md border border-zinc-300 bg-zinc-50 px-2.5 py-1.5 font-mono text-xs text-zinc-900 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100';
const noteClass = 'text-[11px] text-zinc-500 dark:text-zinc-400';
const warnClass = 'text-[11px] text-amber-800 dark:text-amber-300';

function jsonNote(text: string): string | null {
  if (!text.trim()) return null;
  try {
    JSON.parse(text);
    return null;
  } catch {
    return 'not JSON: sent as plain text';
  }
}

interface Props {
  name: string;
  mock: Mock | undefined;
  orphan: boolean;
  onChange: (mock: Mock) => void;
  onKind: (kind: MockKind) => void;
  onRemove: () => void;
}

export function MockEditor({ name, mock, orphan, onChange, onKind, onRemove }: Props) {
  const id = useId();
  const current = mock ?? { kind: 'fixed', result: '' };
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <span className="truncate font-mono text-xs font-medium text-zinc-700 dark:text-zinc-300">{name}</span>
        {orphan ? <span className="text-[11px] text-amber-700 dark:text-amber-400">no tool has this name</span> : null}
        {orphan ? (
          <Button size="sm" variant="ghost" className="ml-auto" onClick={onRemove} aria-label={`Remove the mock for ${name}`}>
            Remove
          </Button>
        ) : null}
      </div>
      {/* Radios, not a <select>: one choice of four, all in view, and no listbox options beside the Model picker's. */}
      <div role="radiogroup" aria-label={`Kind of mock for ${name}`} className="inline-flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
        {KINDS.map(({ kind, label }) => (
          <label
            key={kind}
            className={`relative cursor-pointer border-r border-zinc-300 px-2 py-0.5 text-[11px] font-medium last:border-r-0 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-500 has-[:focus-visible]:ring-inset dark:border-zinc-700 ${
              current.kind === kind
                ? 'bg-indigo-600 text-white'
                : 'bg-white text-zinc-700 hover:bg-zinc-50 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800'
            }`}
          >
            <input type="radio" className="sr-only" name={`${id}-kind`} value={kind} checked={current.kind === kind} onChange={() => onKind(kind)} />
            {label}
          </label>
        ))}
      </div>
      {current.kind === 'fixed' ? (
        <>
          <TextBox id={`${id}-fixed`} label={`Mock for ${name}`} text={current.result} placeholder={`What ${name} returns, e.g. {"ok": true}`} onChange={(result) => onChange({ kind: 'fixed', result })} />
          <Note text={jsonNote(current.result)} />
        </>
      ) : current.kind === 'rules' ? (
        <RulesEditor name={name} mock={current} onChange={onChange} />
      ) : current.kind === 'javascript' ? (
        <>
          <TextBox
            id={`${id}-js`}
            label={`JavaScript mock for ${name}`}
            text={current.source}
            placeholder="(args, call) => ({ temperature: 20 })"
            maxLength={MOCK_LIMITS.maxSourceChars}
            onChange={(source) => onChange({ kind: 'javascript', source })}
          />
          <p className={noteClass}>
            {`(args, call) => result, run for each call in a sandboxed worker: no page, no network, at most ${MOCK_TIME_LIMIT_MS / 1000} s and ${MOCK_RESULT_MAX_CHARS.toLocaleString('en-US')} characters.`}
          </p>
        </>
      ) : (
        <p className={noteClass}>Each call of {name} waits for you to type its result.</p>
      )}
    </div>
  );
}

function RulesEditor({ name, mock, onChange }: { name: string; mock: Extract<Mock, { kind: 'rules' }>; onChange: (mock: Mock) => void }) {
  const id = useId();
  const setRule = (index: number, rule: MockRule) => onChange({ ...mock, rules: mock.rules.map((r, i) => (i === index ? rule : r)) });
  return (
    <div className="space-y-2">
      <ol className="space-y-2" aria-label={`Rules for ${name}`}>
        {mock.rules.map((rule, i) => {
          const problem = whenProblem(rule.when);
          return (
            <li key={i} className="space-y-1 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
              <div className="flex items-center gap-2">
                <span className="text-[11px] font-medium text-zinc-600 dark:text-zinc-400">Rule {i + 1}</span>
                <Button size="sm" variant="ghost" className="ml-auto" aria-label={`Remove rule ${i + 1} for ${name}`} onClick={() => onChange({ ...mock, rules: mock.rules.filter((_, j) => j !== i) })}>
                  Remove
                </Button>
              </div>
              <TextBox id={`${id}-w${i}`} caption="When" label={`When (rule ${i + 1} for ${name})`} text={rule.when} rows={1} maxLength={MOCK_LIMITS.maxWhenChars} placeholder='{"location": "Chicago"}' onChange={(when) => setRule(i, { ...rule, when })} />
              <Note text={problem ? `This condition ${problem}, so the rule never answers.` : null} warn />
              <TextBox id={`${id}-r${i}`} caption="Result" label={`Result (rule ${i + 1} for ${name})`} text={rule.result} rows={1} onChange={(result) => setRule(i, { ...rule, result })} />
              <Note text={jsonNote(rule.result)} />
            </li>
          );
        })}
      </ol>
      <Button size="sm" disabled={mock.rules.length >= MOCK_LIMITS.maxRules} onClick={() => onChange({ ...mock, rules: [...mock.rules, { when: '{}', result: '' }] })}>
        Add a rule for {name}
      </Button>
      <TextBox id={`${id}-default`} caption="Default" label={`Default of the rules for ${name}`} text={mock.default} rows={1} placeholder="When no rule matches (empty: you type it)" onChange={(text) => onChange({ ...mock, default: text })} />
      <p className={noteClass}>The first rule whose condition the arguments match answers (other arguments are ignored; text matches whatever its case and spacing, and “Chicago” matches “Chicago, IL”).</p>
    </div>
  );
}

function Note({ text, warn = false }: { text: string | null; warn?: boolean }) {
  return text ? <p className={warn ? warnClass : noteClass}>{text}</p> : null;
}

/** The function's result schema: results are checked against it on their card, like arguments. */
export function ResultSchemaField({ name, text, onChange }: { name: string; text: string; onChange: (text: string) => void }) {
  const id = useId();
  let problem: string | null = null;
  if (text.trim()) {
    try {
      const schema: unknown = JSON.parse(text);
      if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) problem = 'must be a JSON object (a JSON Schema)';
    } catch (error) {
      problem = `is not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`;
    }
  }
  return (
    <details open={text.trim() !== '' || undefined} className="group">
      <summary className="cursor-pointer text-[11px] text-zinc-600 select-none dark:text-zinc-400">Result schema{text.trim() ? '' : ' (optional)'}</summary>
      <div className="mt-1 space-y-1">
        <TextBox id={`${id}-schema`} label={`Result schema for ${name}`} text={text} rows={2} placeholder='{"type": "object", "required": ["temperature"]}' onChange={onChange} />
        <Note text={problem ? `This schema ${problem}: results are not checked.` : null} warn />
      </div>
    </details>
  );
}

interface BoxProps {
  id: string;
  /** The accessible name, which says which function (and rule) the box is for. */
  label: string;
  /** A short visible label above the box; the accessible name starts with its first word. */
  caption?: string;
  text: string;
  onChange: (text: string) => void;
  placeholder?: string;
  rows?: number;
  maxLength?: number;
}

/** A mock's text box; past LONG_TEXT_CHARS it shows folded until the person edits it (components/ui/long-text.ts). */
function TextBox({ id, label, caption, text, onChange, placeholder, rows = 3, maxLength }: BoxProps) {
  const fold = useFoldedEdit(text);
  if (fold.folded) {
    return <FoldedValue value={text} what="mock" label={label} id={id} onEdit={fold.edit} onClear={() => onChange('')} className="max-h-32 font-mono text-xs" />;
  }
  // Lines as typed, and as a narrow panel wraps them (about 40 characters of monospace a line).
  const lines = text.split('\n').reduce((count, line) => count + Math.max(1, Math.ceil(line.length / 40)), 0);
  const box = (
    <textarea
      id={id}
      aria-label={label}
      rows={Math.min(8, Math.max(rows, lines))}
      spellCheck={false}
      maxLength={maxLength}
      className={boxClass}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        fold.edited(e.target.value);
        onChange(e.target.value);
      }}
    />
  );
  if (!caption) return box;
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-[11px] text-zinc-600 dark:text-zinc-400">
        {caption}
      </label>
      {box}
    </div>
  );
}
