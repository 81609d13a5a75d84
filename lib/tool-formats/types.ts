/**
 * Tools in other formats (MCP, Anthropic, Gemini, OpenAPI, BFCL, a JSON example) and back: what an import
 * or an export gives, and the report of every change it made, per tool, in words.
 */
import type { Tool } from '@/lib/wire/chat';

export const IMPORT_FORMATS = ['openai', 'mcp', 'anthropic', 'gemini', 'openapi', 'bfcl', 'example'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const EXPORT_TARGETS = ['openai', 'openai-strict', 'anthropic', 'gemini', 'mcp'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** One change an import or export made, e.g. "additionalProperties dropped (Gemini has no such keyword)". */
export interface FormatChange {
  /** The tool's name (after the change), or null for the whole document. */
  tool: string | null;
  /** Where in the tool, as a dotted path (e.g. "parameters.properties.unit"), when it is one place. */
  path?: string;
  message: string;
}

export interface ImportedTool {
  tool: Tool;
  /** MCP `outputSchema` (or an OpenAPI operation's JSON response schema): the function's result schema. */
  resultSchema?: Record<string, unknown>;
  /** MCP `annotations` (readOnlyHint, destructiveHint, …), kept as given. */
  annotations?: Record<string, unknown>;
}

export interface ImportResult {
  format: ImportFormat;
  tools: ImportedTool[];
  changes: FormatChange[];
}

export interface ExportResult {
  target: ExportTarget;
  /** The JSON to copy or download. */
  value: unknown;
  changes: FormatChange[];
}

export const IMPORT_FORMAT_NAMES: Record<ImportFormat, string> = {
  openai: 'OpenAI tools',
  mcp: 'MCP tools/list',
  anthropic: 'Anthropic tools (input_schema)',
  gemini: 'Gemini functionDeclarations',
  openapi: 'OpenAPI 3.0 / 3.1 document',
  bfcl: 'BFCL functions',
  example: 'A JSON example (infer a schema)',
};

export const EXPORT_TARGET_NAMES: Record<ExportTarget, string> = {
  openai: 'OpenAI',
  'openai-strict': 'OpenAI (strict)',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
  mcp: 'MCP',
};
