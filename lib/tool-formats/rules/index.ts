/**
 * Each provider's rules for tool schemas, as findings with JSON paths into the tools array and, where the
 * change is mechanical, a quick fix. Pure and framework-free: the Tools editor's lint places the findings
 * (lib/tools/lint-rules.ts) and applies the fixes (lib/tools/tools-text.ts). `checkTools` runs on every
 * edit, so it is one walk per tool, bounded (walk.ts), with at most MAX_FINDINGS_PER_TOOL per tool.
 */
import { isRecord } from '@/lib/util/json';
import { ANTHROPIC_RULES } from './anthropic';
import { GEMINI_RULES } from './gemini';
import { JSON_SCHEMA_RULES } from './json-schema';
import { COMMON_NAME_RULES, GEMINI_NAME_RULES } from './names';
import { OPENAI_RULES, OPENAI_STRICT_RULES } from './openai';
import type { NodeRule, QuickFixId, Report, RuleContext, RuleFinding, RuleSet, RuleTarget, ToolView } from './types';
import { walkSchemas } from './walk';

export type { QuickFixId, RuleFinding, RuleTarget } from './types';
export { QUICK_FIXES } from './types';
export { applyQuickFix } from './fixes';
export { checkConversation, type ConversationMessage } from './mistral';

export const QUICK_FIX_TITLES: Record<QuickFixId, string> = {
  'make-strict': 'Make strict-compatible',
  'inline-refs': 'Inline $refs',
  'gemini-subset': "Cut to Gemini's schema subset",
  'add-object-type': 'Add "type": "object"',
  'drop-undefined-required': 'Fix the "required" lists',
  'rename-for-gemini': 'Rename for Gemini',
  'fix-enum-type': 'Make enums match their type',
};

/** More than this per tool is noise: the first ones say what to fix. */
export const MAX_FINDINGS_PER_TOOL = 20;

const RULE_SETS: readonly RuleSet[] = [JSON_SCHEMA_RULES, OPENAI_STRICT_RULES, OPENAI_RULES, COMMON_NAME_RULES, GEMINI_NAME_RULES, GEMINI_RULES, ANTHROPIC_RULES];

/** The findings of the target-free rules, of the strict rules for strict tools, and of each target's. */
export function checkTools(tools: readonly unknown[], targets: readonly RuleTarget[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const targetSet = new Set(targets);
  tools.forEach((tool, index) => {
    const context: RuleContext = { tool: viewOf(tool, index), targets: targetSet };
    const sets = RULE_SETS.filter((set) => set.applies(context));
    let count = 0;
    const report: Report = (finding) => {
      if (count++ < MAX_FINDINGS_PER_TOOL) findings.push({ ...finding, toolIndex: index });
    };
    for (const set of sets) for (const rule of set.tool ?? []) rule(context, report);
    const nodeRules: NodeRule[] = sets.flatMap((set) => set.node ?? []);
    if (nodeRules.length === 0 || !isRecord(context.tool.parameters)) return;
    walkSchemas(context.tool.parameters, context.tool.parametersPath, (node, at) => {
      for (const rule of nodeRules) rule(node, at, context, report);
      return count < MAX_FINDINGS_PER_TOOL;
    });
  });
  return findings;
}

function viewOf(tool: unknown, index: number): ToolView {
  const fn = isRecord(tool) && isRecord(tool.function) ? tool.function : null;
  const name = fn && typeof fn.name === 'string' && fn.name ? fn.name : null;
  return {
    index,
    label: name ?? `Tool ${index + 1}`,
    fn,
    parameters: fn?.parameters,
    strict: fn?.strict === true,
    parametersPath: [index, 'function', 'parameters'],
  };
}
