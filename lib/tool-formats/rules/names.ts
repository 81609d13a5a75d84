/** Function names: the pattern OpenAI, Anthropic and Mistral share, and Gemini's own (with its renaming). */
import { isRecord } from '@/lib/util/json';
import { PROVIDER_FAMILY_NAMES, type ProviderFamily } from '@/lib/wire/provider-family';
import { COMMON_NAME_PATTERN, GEMINI_NAME_PATTERN } from './keywords';
import type { RuleSet, ToolRule } from './types';

const COMMON_PATTERN_FAMILIES: readonly ProviderFamily[] = ['openai', 'anthropic', 'mistral'];

/** One finding for all the targets that share the pattern, naming them, rather than one each. */
const commonPattern: ToolRule = ({ tool, targets }, report) => {
  const name = tool.fn?.name;
  if (typeof name !== 'string' || COMMON_NAME_PATTERN.test(name)) return;
  const source = COMMON_PATTERN_FAMILIES.filter((family) => targets.has(family))
    .map((family) => PROVIDER_FAMILY_NAMES[family])
    .join(', ');
  report({ rule: 'function-name/pattern', source, severity: 'error', message: `${tool.label}: ${source} need${source.includes(',') ? '' : 's'} function names matching ${COMMON_NAME_PATTERN.source}: use letters, digits, _ and - only, at most 64.`, path: [tool.index, 'function', 'name'] });
};

const geminiPattern: ToolRule = ({ tool }, report) => {
  const name = tool.fn?.name;
  if (typeof name !== 'string' || GEMINI_NAME_PATTERN.test(name)) return;
  report({
    rule: 'gemini/name',
    source: 'Gemini',
    severity: 'error',
    message: `${tool.label}: Gemini needs function names that start with a letter or _ and use only letters, digits, _ . : and -, at most 64: rename it (e.g. "${geminiName(name, new Set())}").`,
    path: [tool.index, 'function', 'name'],
    fix: 'rename-for-gemini',
  });
};

export const COMMON_NAME_RULES: RuleSet = { applies: ({ targets }) => COMMON_PATTERN_FAMILIES.some((family) => targets.has(family)), tool: [commonPattern] };
export const GEMINI_NAME_RULES: RuleSet = { applies: ({ targets }) => targets.has('gemini'), tool: [geminiPattern] };

/**
 * A Gemini-valid name close to `name`: other characters become _, a leading digit or sign gets a _
 * before it, cut to 64, then numbered until it is not in `taken`. It also matches the common pattern
 * when the original did (dots and colons are only ever kept, never added).
 */
export function geminiName(name: string, taken: ReadonlySet<string>): string {
  let base = name.replace(/[^a-zA-Z0-9_.:-]/g, '_');
  if (!/^[a-zA-Z_]/.test(base)) base = `_${base}`;
  base = base.slice(0, 64);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 64 - String(n).length - 1)}_${n}`;
  return candidate;
}

/** The names of the other tools, which a renamed tool must not take. */
export function otherNames(tools: readonly unknown[], except: number): Set<string> {
  const names = new Set<string>();
  tools.forEach((tool, i) => {
    if (i !== except && isRecord(tool) && isRecord(tool.function) && typeof tool.function.name === 'string') names.add(tool.function.name);
  });
  return names;
}
