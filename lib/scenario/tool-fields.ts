/**
 * The scenario's optional fields for tool formats and MCP (response_format, check_for, tool_annotations,
 * mcp_bindings, mcp_policies), as a file, a link or storage gives them: each read leniently (one that
 * cannot be read is dropped, not the scenario) and left out when it says nothing — a plain-text
 * response format, an empty record — as it is when saved.
 */
import type { Scenario } from './base';
import { scenarioSchema } from './scenario-schema';

const TOOL_FIELDS = ['response_format', 'check_for', 'tool_annotations', 'mcp_bindings', 'mcp_policies'] as const;
type ToolFields = Pick<Scenario, (typeof TOOL_FIELDS)[number]>;

/** What a read value becomes: undefined leaves it out. */
const KEPT: { [K in keyof ToolFields]: (value: NonNullable<ToolFields[K]>) => ToolFields[K] } = {
  response_format: (format) => (format.type === 'text' ? undefined : format),
  check_for: (families) => [...new Set(families)],
  tool_annotations: (record) => (Object.keys(record).length ? record : undefined),
  mcp_bindings: (record) => (Object.keys(record).length ? record : undefined),
  mcp_policies: (record) => (Object.keys(record).length ? record : undefined),
};

export function filledToolFields(input: Record<string, unknown>): ToolFields {
  const out: Record<string, unknown> = {};
  for (const key of TOOL_FIELDS) {
    const parsed = scenarioSchema.shape[key].safeParse(input[key] ?? undefined);
    const kept = parsed.success && parsed.data ? (KEPT[key] as (value: unknown) => unknown)(parsed.data) : undefined;
    if (kept !== undefined) out[key] = kept;
  }
  return out as ToolFields;
}
