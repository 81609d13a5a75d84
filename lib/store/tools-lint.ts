/**
 * The Tools editor's lint in the store: run a while after the last keystroke (Monaco's markers follow
 * it), at once when something else replaces the text, and again when the targeted providers change.
 * Until the schema checks have loaded, the tools a scenario was opened with count as checked: they
 * passed the scenario's own validation, and Save or Share must not wait for Ajv to load.
 */
import type { ToolsLint } from '@/lib/tools/lint';
import type { Tool } from '@/lib/wire/chat';
import type { PlaygroundDeps } from './deps';
import { checkTargets } from './selectors';
import type { LintState, PlaygroundData, ToolsState } from './types';

export function toolsText(tools: readonly Tool[]): string {
  return `${JSON.stringify(tools, null, 2)}\n`;
}

interface LintStore {
  get: () => PlaygroundData;
  setTools: (change: Partial<ToolsState>) => void;
}

const unchecked = (): LintState => ({ tools: null, problems: [], errorCount: 0, checking: true });

export function createToolsLint(deps: Pick<PlaygroundDeps, 'lintNow' | 'lint' | 'lintDelayMs'>, { get, setTools }: LintStore, initialTools: Tool[]) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let trusted: { text: string; lint: ToolsLint } = { text: toolsText(initialTools), lint: { tools: initialTools, problems: [], errorCount: 0 } };

  /** The lint of the editor's text as of this instant (the shown lint may lag it); null: not checked yet. */
  const current = (): ToolsLint | null => {
    const { text } = get().tools;
    return deps.lintNow(text, checkTargets(get())) ?? (text === trusted.text ? trusted.lint : null);
  };

  const run = () => {
    timer = null;
    const { text } = get().tools;
    const shown = (lint: ToolsLint) => {
      if (get().tools.text !== text) return; // its own lint follows
      setTools({ lint, ...(lint.tools ? { lastValid: lint.tools } : {}) });
    };
    const targets = checkTargets(get());
    const now = deps.lintNow(text, targets);
    if (now) shown(now);
    else void deps.lint(text, targets).then(shown);
  };

  return {
    current,
    run,
    schedule: () => {
      timer ??= setTimeout(run, deps.lintDelayMs);
    },
    /** The tools state a new store starts with. */
    initial: (): Pick<ToolsState, 'text' | 'lint'> => ({ text: trusted.text, lint: { ...trusted.lint, checking: true } }),
    /** The lint to show for a replaced text right away: the checks' when loaded, else "checking". */
    replaced: (text: string): LintState => deps.lintNow(text, checkTargets(get())) ?? unchecked(),
    /**
     * Other work opens with `tools` and the editor's `text` (its own, or theirs): the lint to show, and
     * whether it is the checks' own (else `run` must follow, once the work is in the store).
     */
    opened: (tools: Tool[], text: string, targets: ReturnType<typeof checkTargets>): { lint: LintState; checked: boolean } => {
      if (timer) clearTimeout(timer);
      timer = null;
      trusted = { text: toolsText(tools), lint: { tools, problems: [], errorCount: 0 } };
      const now = deps.lintNow(text, targets);
      if (now) return { lint: now, checked: true };
      return { lint: text === trusted.text ? { ...trusted.lint, checking: true } : unchecked(), checked: false };
    },
  };
}
