/** What the provider rules share: the finding, the quick fixes, and how a rule sees one tool. */
import type { ProviderFamily } from '@/lib/wire/provider-family';
import type { JsonPath, SchemaAt } from './walk';

/** Whose rules to check for; `other` gets the plain JSON Schema checks only. */
export type RuleTarget = ProviderFamily;

export const QUICK_FIXES = ['make-strict', 'inline-refs', 'gemini-subset', 'add-object-type', 'drop-undefined-required', 'rename-for-gemini', 'fix-enum-type'] as const;
export type QuickFixId = (typeof QUICK_FIXES)[number];

/** One broken rule, placed by its JSON path into the tools array (the editor turns it into a marker). */
export interface RuleFinding {
  /** Stable id, e.g. "openai-strict/required-all". */
  rule: string;
  /** Whose rule it is, named on the marker: "OpenAI strict mode", "Gemini schema subset", "JSON Schema". */
  source: string;
  /** error: the provider rejects the request; warning: it is accepted but is a mistake. */
  severity: 'error' | 'warning';
  /** A sentence naming the tool and what to do. */
  message: string;
  /** The tool's index in the array; -1 for a finding about the conversation. */
  toolIndex: number;
  path: JsonPath;
  /** Mark the key or the value at `path` (default: the value). */
  at?: 'key' | 'value';
  fix?: QuickFixId;
}

/** One tool as the rules read it. */
export interface ToolView {
  index: number;
  /** The function's name, or "Tool 3" when it has none, for messages. */
  label: string;
  fn: Record<string, unknown> | null;
  parameters: unknown;
  strict: boolean;
  /** [index, 'function', 'parameters']. */
  parametersPath: JsonPath;
}

export interface RuleContext {
  tool: ToolView;
  targets: ReadonlySet<RuleTarget>;
}

export type Report = (finding: Omit<RuleFinding, 'toolIndex'>) => void;

/** A rule over the whole tool (its name, its root schema). */
export type ToolRule = (context: RuleContext, report: Report) => void;
/** A rule over one subschema of the tool's parameters; every node rule shares one walk. */
export type NodeRule = (node: Record<string, unknown>, at: SchemaAt, context: RuleContext, report: Report) => void;

/** The rules of one source, and when they apply to a tool. */
export interface RuleSet {
  applies: (context: RuleContext) => boolean;
  tool?: readonly ToolRule[];
  node?: readonly NodeRule[];
}
