/**
 * The providers' rules (lib/tool-formats/rules) as lint problems: each finding placed at its JSON path in
 * the editor's text, with the rule's source named and its quick fix, if it has one. Kept apart from
 * lint.ts for length.
 */
import type { QuickFixId, RuleFinding, RuleTarget } from '@/lib/tool-formats/rules';
import type { JsonNode } from './json-ranges';
import type { SchemaEngine } from './schema-engine-loader';

/** A problem's mechanical fix: which quick fix, on which tool. */
export interface LintFix {
  id: QuickFixId;
  toolIndex: number;
  title: string;
}

type Add = (severity: RuleFinding['severity'], message: string, start: number, end: number, extra: { source: string; rule: string; toolIndex: number; fix?: LintFix }) => void;

/**
 * Rules the lint checks for every tool itself (the API's own name pattern and tool count: lint.ts), so
 * their findings would say the same twice.
 */
const CHECKED_BY_THE_LINT = new Set(['function-name/pattern', 'openai/max-tools']);

/** The rules of `targets` (and the target-free ones) over the tools array at `root`. */
export function addRuleFindings(engine: Pick<SchemaEngine, 'checkTools' | 'QUICK_FIX_TITLES'>, root: JsonNode, targets: readonly RuleTarget[], add: Add) {
  for (const finding of engine.checkTools(root.value as unknown[], targets)) {
    if (CHECKED_BY_THE_LINT.has(finding.rule)) continue;
    const { start, end } = placeOf(root, finding);
    const fix = finding.fix ? { id: finding.fix, toolIndex: finding.toolIndex, title: engine.QUICK_FIX_TITLES[finding.fix] } : undefined;
    add(finding.severity, finding.message, start, end, { source: finding.source, rule: finding.rule, toolIndex: finding.toolIndex, ...(fix ? { fix } : {}) });
  }
}

/** The text range of a finding: its node (or its key), or the nearest node above it that exists. */
function placeOf(root: JsonNode, finding: RuleFinding): { start: number; end: number } {
  let node = root;
  let key: { keyOffset: number; keyEnd: number } | null = null;
  for (const part of finding.path) {
    const next = childOf(node, String(part));
    if (!next) {
      key = null;
      break;
    }
    key = next.key;
    node = next.node;
  }
  if (finding.at === 'key' && key) return { start: key.keyOffset, end: key.keyEnd };
  // A whole object or array: its opening bracket, so a marker does not cover half the editor.
  if (node.type === 'object' || node.type === 'array') return { start: node.offset, end: node.offset + 1 };
  return { start: node.offset, end: node.end };
}

function childOf(node: JsonNode, part: string): { node: JsonNode; key: { keyOffset: number; keyEnd: number } | null } | null {
  if (node.type === 'object') {
    const props = node.props ?? [];
    for (let i = props.length - 1; i >= 0; i--) if (props[i].key === part) return { node: props[i].value, key: props[i] };
    return null;
  }
  if (node.type === 'array' && /^\d+$/.test(part)) {
    const item = node.items?.[Number(part)];
    return item ? { node: item, key: null } : null;
  }
  return null;
}

/**
 * Where a rule with a quick fix and the lint's own schema check (Ajv's meta-schema) find the same place
 * (`required` not an array, say), the one with the fix is kept.
 */
export function withoutRepeats<P extends { startLineNumber: number; startColumn: number; fix?: LintFix; rule?: string }>(problems: P[]): P[] {
  const fixed = new Set(problems.filter((p) => p.fix).map((p) => `${p.startLineNumber}:${p.startColumn}`));
  if (!fixed.size) return problems;
  return problems.filter((p) => p.fix || p.rule || !fixed.has(`${p.startLineNumber}:${p.startColumn}`));
}
