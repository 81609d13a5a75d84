'use client';

/**
 * Monaco comes from this app's own origin (public/monaco/vs, copied at install), never from a CDN: the
 * loader is pointed there before any editor mounts. The tools array's JSON Schema is registered with
 * Monaco's JSON language so the person gets completion and squiggles; the themes match the page.
 */
import { loader, type Monaco } from '@monaco-editor/react';
import { TOOLS_JSON_SCHEMA } from '@/lib/tools/tools-json-schema';

loader.config({ paths: { vs: '/monaco/vs' } });

export const TOOLS_MODEL_URI = 'inmemory://playground/tools.json';
export const THEME_LIGHT = 'playground-light';
export const THEME_DARK = 'playground-dark';

interface JsonDefaults {
  setDiagnosticsOptions(options: Record<string, unknown>): void;
}

/** Monaco 0.57 moved JSON to `monaco.json`; older builds have `monaco.languages.json`. */
function jsonDefaults(monaco: Monaco): JsonDefaults | undefined {
  const m = monaco as unknown as { json?: { jsonDefaults?: JsonDefaults }; languages: { json?: { jsonDefaults?: JsonDefaults } } };
  return m.languages.json?.jsonDefaults ?? m.json?.jsonDefaults;
}

let prepared = false;

export function prepareMonaco(monaco: Monaco) {
  if (prepared) return;
  prepared = true;
  jsonDefaults(monaco)?.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    trailingCommas: 'error',
    enableSchemaRequest: false,
    // Schema findings are hints (yellow); tools-lint decides what blocks Send (red).
    schemaValidation: 'warning',
    schemas: [{ uri: 'inmemory://playground/openai-tools.schema.json', fileMatch: [TOOLS_MODEL_URI], schema: TOOLS_JSON_SCHEMA }],
  });
  monaco.editor.defineTheme(THEME_LIGHT, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff', 'editor.lineHighlightBackground': '#f4f4f5' },
  });
  monaco.editor.defineTheme(THEME_DARK, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#18181b', 'editorGutter.background': '#18181b', 'editor.lineHighlightBackground': '#27272a' },
  });
}
