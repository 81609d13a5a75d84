'use client';

/**
 * Everything the page edits, in the Scenario's shape: the settings, the tools text (owned by the
 * uncontrolled editor; kept here in a ref and re-seeded only by `loadScenario`), the mocks, the draft,
 * and the conversation reducer. `toScenario()` / `loadScenario()` are what Share, Save and Export use.
 */
import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Tool, ToolChoice } from '@/lib/wire/chat';
import { LIMITS } from '@/lib/wire/chat-constants';
import { applyEvent, fromWireMessages, toWireMessages } from '@/lib/conversation/reducer';
import { loadedSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { firstError, lintToolsIfLoaded, type ToolsLint } from '@/lib/tools/lint';
import type { Scenario } from '@/lib/scenario/base';
import { runToolsLint } from '@/components/tools/tools-lint-runner';

export type Settings = Omit<Scenario, 'version' | 'tools' | 'messages'>;

/** The lint as shown: `checking` while the schema checks load (right after the page opens). */
export type LintState = ToolsLint & { checking?: boolean };

export const CHECKING_TOOLS = 'Checking the tools…';

export interface ToolsSeed {
  text: string;
  /** Bumped when something outside the editor replaces its text. */
  version: number;
}

function settingsOf(scenario: Scenario): Settings {
  const { version: _v, tools: _t, messages: _m, ...settings } = scenario;
  return settings;
}

export function toolsText(tools: readonly Tool[]): string {
  return `${JSON.stringify(tools, null, 2)}\n`;
}

export function useWorkspace(initial: Scenario) {
  const [settings, setSettings] = useState<Settings>(() => settingsOf(initial));
  const [toolsSeed, setToolsSeed] = useState<ToolsSeed>(() => ({ text: toolsText(initial.tools), version: 0 }));
  const toolsTextRef = useRef(toolsSeed.text);
  // The scenario's tools are valid tools (checked when it was restored), but Send waits for the full
  // lint, which runs in the browser once its schema checks have loaded (a CSP may change its result).
  const trusted = useRef<{ text: string; lint: ToolsLint }>({ text: toolsSeed.text, lint: { tools: initial.tools, problems: [], errorCount: 0 } });
  const [lint, setLint] = useState<LintState>(() => ({ ...trusted.current.lint, checking: true }));
  /** Lints `text` into the state, unless the text has changed by the time the result is in. */
  const relint = useCallback((text: string) => {
    runToolsLint(text, (result) => {
      if (toolsTextRef.current === text) setLint(result);
    });
  }, []);
  useLayoutEffect(() => relint(toolsTextRef.current), [relint]);
  /**
   * The lint of `text` now: null only before the schema checks have loaded, for a text other than the
   * one the page opened with (Save, Share and opening scenarios wait for the checks to load).
   */
  const lintNow = useCallback((text: string): ToolsLint | null => {
    return lintToolsIfLoaded(text) ?? (text === trusted.current.text ? trusted.current.lint : null);
  }, []);
  const lastValidTools = useRef<Tool[]>(initial.tools);
  if (lint.tools) lastValidTools.current = lint.tools;
  const [conversation, dispatch] = useReducer(applyEvent, initial, (s) => fromWireMessages(s.messages, s.mocks));

  const patch = useCallback((change: Partial<Settings>) => setSettings((s) => ({ ...s, ...change })), []);

  /** The editor reports its live text (every change) and, on its throttle, the lint of it. */
  const onToolsText = useCallback((text: string) => {
    toolsTextRef.current = text;
  }, []);
  const onToolsLint = useCallback((next: LintState) => setLint(next), []);

  /** Replaces the tools text from outside the editor (template, share link, Format before Monaco loads). */
  const seedTools = useCallback((text: string) => {
    toolsTextRef.current = text;
    setToolsSeed((seed) => ({ text, version: seed.version + 1 }));
    // Before the schema checks have loaded, the new text is unchecked until they have: Send waits.
    if (!loadedSchemaEngine()) setLint({ tools: null, problems: [], errorCount: 0, checking: true });
    relint(text);
  }, [relint]);

  /**
   * Replaces everything. `rawToolsText` is the editor's text as the person left it (a reload of work in
   * progress), which may be half-typed JSON; otherwise the editor shows the scenario's tools.
   */
  const loadScenario = useCallback(
    (scenario: Scenario, rawToolsText?: string) => {
      setSettings(settingsOf(scenario));
      lastValidTools.current = scenario.tools;
      seedTools(rawToolsText ?? toolsText(scenario.tools));
      dispatch({ type: 'conversationLoaded', messages: scenario.messages, mocks: scenario.mocks });
    },
    [seedTools],
  );

  /**
   * The scenario as of now, plus the editor's text when it is not valid tools (the scenario then holds
   * the last valid ones): Save, Share and Export use the scenario; work in progress keeps the text too.
   */
  const snapshot = useCallback(() => {
    const text = toolsTextRef.current;
    // Not checked yet (see lintNow): kept like invalid text, with the last valid tools.
    const valid = lintNow(text)?.tools;
    const scenario: Scenario = {
      version: 1,
      ...settings,
      tools: valid ?? lastValidTools.current,
      messages: toWireMessages(conversation),
    };
    return { scenario, toolsText: text, invalidToolsText: valid ? null : text };
  }, [settings, conversation, lintNow]);

  const toScenario = useCallback((): Scenario => snapshot().scenario, [snapshot]);

  /** The tools as of this instant (the editor's lint may lag its text by a throttle); null: not checked yet. */
  const currentLint = useCallback(() => lintNow(toolsTextRef.current), [lintNow]);

  const functionNames = useMemo(() => (lint.tools ?? lastValidTools.current).map((t) => t.function.name), [lint]);

  return {
    settings,
    patch,
    toolsSeed,
    onToolsText,
    onToolsLint,
    seedTools,
    toolsTextRef,
    lint,
    currentLint,
    functionNames,
    conversation,
    dispatch,
    loadScenario,
    toScenario,
    snapshot,
  };
}

export type Workspace = ReturnType<typeof useWorkspace>;

/** Why the request cannot be sent as the settings stand, in words; null when it can. */
export function settingsProblem(settings: Settings, lint: LintState): string | null {
  if (lint.checking) return CHECKING_TOOLS;
  const toolsError = firstError(lint);
  if (toolsError) return `Fix the tools first: ${toolsError}`;
  const choice: ToolChoice = settings.tool_choice;
  if (typeof choice === 'object' && !lint.tools?.some((t) => t.function.name === choice.function.name)) {
    return `Tool choice names "${choice.function.name}", which is not one of the tools: pick another tool choice.`;
  }
  const t = settings.temperature;
  if (t != null && !(Number.isFinite(t) && t >= 0 && t <= 2)) return 'Temperature must be between 0 and 2 (empty for the model’s default).';
  const m = settings.max_tokens;
  if (m != null && !(Number.isInteger(m) && m >= 1 && m <= LIMITS.maxMaxTokens)) {
    return `Max tokens must be a whole number from 1 to ${LIMITS.maxMaxTokens} (empty for the model’s default).`;
  }
  return null;
}
