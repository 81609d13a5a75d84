'use client';

/** Model, tool choice, parallel tool calls, response format, temperature and max tokens: the request's knobs. */
import { useId } from 'react';
import type { ToolChoice } from '@/lib/wire/chat';
import { LIMITS } from '@/lib/wire/chat-constants';
import { ModelPicker } from './model-picker';
import { ResponseFormatSetting } from './response-format';
import { useModelList } from './use-models';
import type { Settings } from '@/lib/store/types';
import { fieldClass, labelClass, PanelHeading } from '@/components/ui/controls';

interface Props {
  settings: Settings;
  patch: (change: Partial<Settings>) => void;
  functionNames: string[];
}

function choiceValue(choice: ToolChoice): string {
  return typeof choice === 'string' ? choice : `function:${choice.function.name}`;
}

function choiceFrom(value: string): ToolChoice {
  if (value.startsWith('function:')) return { type: 'function', function: { name: value.slice('function:'.length) } };
  return value as 'auto' | 'none' | 'required';
}

/** '' → null (the model's default); anything else the number typed, checked before sending. */
function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

export function SettingsPanel({ settings, patch, functionNames }: Props) {
  const id = useId();
  const models = useModelList();
  const choice = choiceValue(settings.tool_choice);
  const forced = typeof settings.tool_choice === 'object' ? settings.tool_choice.function.name : null;
  const missing = forced !== null && !functionNames.includes(forced);

  return (
    <section aria-labelledby={`${id}-h`} className="border-b border-zinc-200 dark:border-zinc-800">
      <PanelHeading id={`${id}-h`} title="Settings" />
      <div className="space-y-3 p-3">
        <ModelPicker
          value={settings.model}
          onChange={(model) => patch({ model })}
          models={models.models}
          keyConfigured={models.keyConfigured}
          loadError={models.loadError}
          refresh={{ onRefresh: models.refresh, refreshing: models.refreshing, error: models.refreshError, refreshed: models.refreshed }}
        />
        <div>
          <label htmlFor={`${id}-choice`} className={labelClass}>
            Tool choice
          </label>
          <select
            id={`${id}-choice`}
            className={fieldClass}
            value={choice}
            onChange={(e) => patch({ tool_choice: choiceFrom(e.target.value) })}
          >
            <option value="auto">auto: the model decides</option>
            <option value="none">none: answer in text only</option>
            <option value="required">required: call at least one tool</option>
            {functionNames.length || missing ? (
              <optgroup label="Always call this function">
                {functionNames.map((name) => (
                  <option key={name} value={`function:${name}`}>
                    {name}
                  </option>
                ))}
                {missing ? <option value={choice}>{forced} (not in the tools)</option> : null}
              </optgroup>
            ) : null}
          </select>
          {choice !== 'auto' && choice !== 'none' ? (
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">Applies to the call that starts a turn; the call after tool results uses auto, so the model can answer.</p>
          ) : null}
        </div>
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input
            type="checkbox"
            className="size-4 rounded border-zinc-300 accent-indigo-600"
            checked={settings.parallel_tool_calls}
            onChange={(e) => patch({ parallel_tool_calls: e.target.checked })}
          />
          Parallel tool calls
          <span className="text-xs text-zinc-500 dark:text-zinc-400">(several calls in one turn)</span>
        </label>
        <ResponseFormatSetting value={settings.response_format} onChange={(response_format) => patch({ response_format })} />
        <div className="grid grid-cols-2 gap-3">
          <div>
            <label htmlFor={`${id}-temp`} className={labelClass}>
              Temperature
            </label>
            <input
              id={`${id}-temp`}
              type="number"
              inputMode="decimal"
              min={0}
              max={2}
              step={0.1}
              placeholder="default"
              className={fieldClass}
              value={settings.temperature ?? ''}
              onChange={(e) => patch({ temperature: numberOrNull(e.target.value) })}
            />
          </div>
          <div>
            <label htmlFor={`${id}-max`} className={labelClass}>
              Max tokens
            </label>
            <input
              id={`${id}-max`}
              type="number"
              inputMode="numeric"
              min={1}
              max={LIMITS.maxMaxTokens}
              step={1}
              placeholder="default"
              className={fieldClass}
              value={settings.max_tokens ?? ''}
              onChange={(e) => patch({ max_tokens: numberOrNull(e.target.value) })}
            />
          </div>
        </div>
      </div>
    </section>
  );
}
