'use client';

/**
 * "Response format": plain text, a JSON object, or JSON that follows a schema (`response_format:
 * json_schema`), sent with every call; each answer is checked against it (message-article.tsx). The
 * schema has its own Monaco editor (uncontrolled, as the Tools editor is) and its own checks; the
 * setting changes only when the schema text is a JSON object, so half-typed text never reaches a request.
 */
import Editor, { type BeforeMount } from '@monaco-editor/react';
import { useId, useState } from 'react';
import type { ResponseFormat } from '@/lib/wire/chat';
import { FUNCTION_NAME_PATTERN } from '@/lib/wire/chat-constants';
import { checkResponseSchemaIfLoaded } from '@/lib/tools/response-check';
import { useSchemaEngine } from '@/components/chat/use-arguments-check';
import { isRecord } from '@/lib/util/json';
import { fieldClass, labelClass } from '@/components/ui/controls';
import { usePrefersDark } from '@/components/ui/use-color-scheme';
import { prepareMonaco, THEME_DARK, THEME_LIGHT } from '@/components/tools/monaco-setup';

type Kind = ResponseFormat['type'];
type JsonSchemaFormat = Extract<ResponseFormat, { type: 'json_schema' }>;

const KINDS: Array<{ kind: Kind; label: string }> = [
  { kind: 'text', label: 'Text' },
  { kind: 'json_object', label: 'JSON object' },
  { kind: 'json_schema', label: 'JSON schema' },
];

/** What json_schema starts with: an answer object the simulator and the models can fill. */
const STARTER: JsonSchemaFormat['json_schema'] = {
  name: 'answer',
  strict: true,
  schema: {
    type: 'object',
    properties: { summary: { type: 'string', description: 'The answer in one or two sentences' } },
    required: ['summary'],
    additionalProperties: false,
  },
};

const SCHEMA_MODEL_URI = 'inmemory://playground/response-schema.json';

function schemaText(format: JsonSchemaFormat): string {
  return `${JSON.stringify(format.json_schema.schema ?? {}, null, 2)}\n`;
}

interface Props {
  value: ResponseFormat | undefined;
  onChange: (format: ResponseFormat | undefined) => void;
}

export function ResponseFormatSetting({ value, onChange }: Props) {
  const id = useId();
  const kind = value?.type ?? 'text';
  const choose = (next: Kind) => {
    if (next === 'text') onChange(undefined);
    else if (next === 'json_object') onChange({ type: 'json_object' });
    else onChange({ type: 'json_schema', json_schema: STARTER });
  };
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={`${id}-kind`} className={labelClass}>
          Response format
        </label>
        <select id={`${id}-kind`} className={fieldClass} value={kind} onChange={(e) => choose(e.target.value as Kind)}>
          {KINDS.map(({ kind: k, label }) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
        {kind === 'json_object' ? (
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">Answers must be one JSON object. OpenAI also wants the word “JSON” in the system prompt or a message.</p>
        ) : null}
      </div>
      {value?.type === 'json_schema' ? <SchemaFields format={value} onChange={onChange} /> : null}
    </div>
  );
}

function SchemaFields({ format, onChange }: { format: JsonSchemaFormat; onChange: (format: ResponseFormat) => void }) {
  const id = useId();
  const dark = usePrefersDark();
  const [text, setText] = useState(() => schemaText(format));
  const [name, setName] = useState(format.json_schema.name);
  const parsed = parseSchema(text);
  const engine = useSchemaEngine(true);
  const check = 'schema' in parsed && engine === 'loaded' ? checkResponseSchemaIfLoaded(parsed.schema, format.json_schema.strict === true) : null;
  const problem = 'error' in parsed ? parsed.error : null;
  const nameProblem = FUNCTION_NAME_PATTERN.test(name) ? null : 'The name must be 1–64 letters, digits, _ or -.';
  const set = (change: Partial<JsonSchemaFormat['json_schema']>) => onChange({ type: 'json_schema', json_schema: { ...format.json_schema, ...change } });
  const beforeMount: BeforeMount = (monaco) => prepareMonaco(monaco);

  return (
    <div className="space-y-2">
      <div className="flex items-end gap-3">
        <div className="flex-1">
          <label htmlFor={`${id}-name`} className={labelClass}>
            Schema name
          </label>
          <input
            id={`${id}-name`}
            className={fieldClass}
            value={name}
            aria-invalid={nameProblem ? true : undefined}
            onChange={(e) => {
              setName(e.target.value);
              if (FUNCTION_NAME_PATTERN.test(e.target.value)) set({ name: e.target.value });
            }}
          />
        </div>
        <label className="flex h-9 items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={format.json_schema.strict === true} onChange={(e) => set({ strict: e.target.checked })} />
          Strict
        </label>
      </div>
      {nameProblem ? <p className="text-xs text-rose-700 dark:text-rose-300">{nameProblem}</p> : null}
      <div>
        <span id={`${id}-schema`} className={labelClass}>
          Response schema
        </span>
        <div className="h-44 overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
          <Editor
            height="100%"
            defaultLanguage="json"
            path={SCHEMA_MODEL_URI}
            defaultValue={text}
            theme={dark ? THEME_DARK : THEME_LIGHT}
            beforeMount={beforeMount}
            onChange={(next) => {
              const value = next ?? '';
              setText(value);
              const result = parseSchema(value);
              if ('schema' in result) set({ schema: result.schema });
            }}
            options={{ ariaLabel: 'Response schema', minimap: { enabled: false }, fontSize: 12, lineNumbers: 'off', tabSize: 2, scrollBeyondLastLine: false, automaticLayout: true, tabFocusMode: true, fixedOverflowWidgets: true }}
          />
        </div>
      </div>
      <div role="status" className="text-xs">
        {problem ? (
          <p className="text-rose-700 dark:text-rose-300">{problem} The last valid schema is sent until this is fixed.</p>
        ) : !check ? (
          <p className="text-zinc-500 dark:text-zinc-400">Checking the schema…</p>
        ) : check.problems.length ? (
          <ul className="list-disc space-y-0.5 pl-4 text-rose-700 dark:text-rose-300">
            {check.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : (
          <p className="text-emerald-700 dark:text-emerald-400">✓ The schema is valid{format.json_schema.strict ? ' for strict mode' : ''}; each answer is checked against it.</p>
        )}
      </div>
    </div>
  );
}

function parseSchema(text: string): { schema: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? { schema: value } : { error: 'The schema must be a JSON object.' };
  } catch (error) {
    return { error: `The schema is not JSON yet (${error instanceof Error ? error.message : String(error)}).` };
  }
}
