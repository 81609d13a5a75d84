'use client';

/**
 * One expected call in the expectation editor: its function (a select of the tools' names) and, per
 * argument, a row: its name, its rule, the rule's value (JSON, or a pattern), "may be left out", Remove.
 */
import { argumentDraft, fieldId, RULES, valueHint, type ArgumentDraft, type CallDraft, type RuleKind } from '@/lib/store/expectation-draft';
import { CrossIcon, fieldClass } from '@/components/ui/controls';

interface Props {
  call: CallDraft;
  /** 1-based, for its name: "Call 1". */
  number: number;
  functionNames: readonly string[];
  /** Field id prefix (the editor's own), so ids are unique in the page. */
  prefix: string;
  /** Field id → its problem, after a Save that could not. */
  problems: ReadonlyMap<string, string>;
  onChange: (call: CallDraft) => void;
  /** The function changed: the editor starts its arguments from the tool's parameters. */
  onFunction: (name: string) => void;
  onRemove: () => void;
}

const small = `${fieldClass} !px-2 !py-1 !text-xs`;
const NEEDS_VALUE: readonly RuleKind[] = ['equals', 'one_of', 'regex', 'schema'];

export function ExpectationCallFields({ call, number, functionNames, prefix, problems, onChange, onFunction, onRemove }: Props) {
  const id = (field: string) => `${prefix}-${field}`;
  const setArg = (arg: ArgumentDraft, change: Partial<ArgumentDraft>) => onChange({ ...call, args: call.args.map((a) => (a.id === arg.id ? { ...a, ...change } : a)) });
  const names = call.name && !functionNames.includes(call.name) ? [...functionNames, call.name] : functionNames;
  const invalid = (field: string) =>
    problems.has(field) ? { 'aria-invalid': true as const, 'aria-describedby': id(`${field}-problem`) } : {};
  const problem = (field: string) =>
    problems.has(field) ? (
      <p id={id(`${field}-problem`)} className="text-[11px] text-rose-700 dark:text-rose-300">
        {problems.get(field)}
      </p>
    ) : null;

  return (
    <fieldset aria-label={`Call ${number}${call.name ? `: ${call.name}` : ''}`} className="rounded-md border border-zinc-200 bg-white p-2 dark:border-zinc-700 dark:bg-zinc-950">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-[11px] font-semibold text-zinc-500 uppercase dark:text-zinc-400">Call {number}</span>
        <label htmlFor={id(fieldId.function(call))} className="text-xs text-zinc-600 dark:text-zinc-400">
          Function
        </label>
        <select
          id={id(fieldId.function(call))}
          value={call.name}
          onChange={(event) => onFunction(event.target.value)}
          className={`${small} !w-auto min-w-40 font-mono`}
          {...invalid(fieldId.function(call))}
        >
          <option value="">Choose a function…</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
              {functionNames.includes(name) ? '' : ' (not among the tools)'}
            </option>
          ))}
        </select>
        <button type="button" onClick={onRemove} className="ml-auto text-xs text-zinc-600 hover:text-rose-700 dark:text-zinc-400 dark:hover:text-rose-300">
          Remove call {number}
        </button>
      </div>
      {problem(fieldId.function(call))}

      {call.args.length ? (
        <ul className="@container mt-2 space-y-1.5">
          {call.args.map((arg, index) => {
            const label = arg.name.trim() || `argument ${index + 1}`;
            const hint = valueHint(arg.kind);
            return (
              <li key={arg.id} className="grid grid-cols-[minmax(0,10rem)_minmax(0,10rem)_1fr] items-center gap-1.5 @xl:grid-cols-[8rem_9.5rem_minmax(0,1fr)_auto_auto]">
                <input
                  id={id(fieldId.name(arg))}
                  aria-label={`Name of ${label}`}
                  value={arg.name}
                  placeholder="argument"
                  spellCheck={false}
                  onChange={(event) => setArg(arg, { name: event.target.value })}
                  className={`${small} font-mono`}
                  {...invalid(fieldId.name(arg))}
                />
                <select aria-label={`Rule for ${label}`} value={arg.kind} onChange={(event) => setArg(arg, { kind: event.target.value as RuleKind })} className={small}>
                  {RULES.map((rule) => (
                    <option key={rule.kind} value={rule.kind}>
                      {rule.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  aria-label={`Remove ${label}`}
                  title={`Remove ${label}`}
                  onClick={() => onChange({ ...call, args: call.args.filter((a) => a.id !== arg.id) })}
                  className="inline-flex size-6 items-center justify-center justify-self-end rounded text-zinc-500 hover:bg-zinc-100 hover:text-rose-700 @xl:order-last dark:text-zinc-400 dark:hover:bg-zinc-800"
                >
                  <CrossIcon className="size-3" />
                </button>
                {NEEDS_VALUE.includes(arg.kind) ? (
                  <input
                    id={id(fieldId.value(arg))}
                    aria-label={`Value for ${label}`}
                    value={arg.value}
                    placeholder={hint ?? ''}
                    spellCheck={false}
                    onChange={(event) => setArg(arg, { value: event.target.value })}
                    className={`${small} col-span-2 font-mono @xl:col-span-1`}
                    {...invalid(fieldId.value(arg))}
                  />
                ) : (
                  <span className="col-span-2 text-[11px] text-zinc-500 @xl:col-span-1 dark:text-zinc-400">{arg.kind === 'any' ? 'any value is right' : 'the call must not send it'}</span>
                )}
                <label className={`flex items-center gap-1 text-[11px] whitespace-nowrap text-zinc-600 dark:text-zinc-400 ${arg.kind === 'absent' ? 'invisible' : ''}`}>
                  <input
                    type="checkbox"
                    checked={arg.kind !== 'absent' && arg.optional}
                    disabled={arg.kind === 'absent'}
                    onChange={(event) => setArg(arg, { optional: event.target.checked })}
                    aria-label={`${label} may be left out`}
                  />
                  may be left out
                </label>
                <div className="col-span-3 empty:hidden @xl:order-last @xl:col-span-5">
                  {problem(fieldId.name(arg))}
                  {problem(fieldId.value(arg))}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}

      <div className="mt-2 flex flex-wrap items-center gap-3 text-xs">
        <button
          type="button"
          onClick={() => onChange({ ...call, args: [...call.args, argumentDraft('')] })}
          className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          Add argument
        </button>
        <label className="flex items-center gap-1 text-zinc-600 dark:text-zinc-400">
          <input type="checkbox" checked={call.extra} onChange={(event) => onChange({ ...call, extra: event.target.checked })} />
          Other arguments allowed
        </label>
      </div>
    </fieldset>
  );
}
