/**
 * `$ref`s inlined: a tool's parameters go to providers that do not follow references (Gemini, most
 * OpenAI-compatible servers), and an OpenAPI operation's schemas point into the document's components.
 * Only local JSON pointers are followed; nothing is fetched. The work is bounded three ways: a cycle is cut
 * where it recurs, the output stays within MAX_JSON_DEPTH levels, and a budget of output nodes stops a
 * schema shared many times at many levels from growing exponentially.
 */
import { canonicalJson, isRecord, own, setOwn } from '@/lib/util/json';
import { MAX_JSON_DEPTH } from '@/lib/wire/json-depth';
import type { FormatChange } from './types';
import { keywordKind } from '@/lib/util/schema-keywords';

export interface InlineOptions {
  /** The document `#/…` pointers resolve in (an OpenAPI document; by default the schema itself). */
  root?: unknown;
  /** Prefix for each change's path (e.g. "parameters"). */
  path?: string;
  tool?: string | null;
}

/** Output nodes (objects and arrays) one import may produce by inlining: far above any real API's schemas. */
export const MAX_INLINED_NODES = 50_000;

/** Work left for inlining: one budget shared by every schema of a document, so the whole import is bounded. */
export interface InlineBudget {
  nodes: number;
  /** Whether running out has been reported (once per budget). */
  reported: boolean;
}

export function newInlineBudget(): InlineBudget {
  return { nodes: MAX_INLINED_NODES, reported: false };
}

/** The schema with every local `$ref` replaced by what it points at; cycles cut and reported. */
export function inlineRefs(schema: unknown, options: InlineOptions = {}): { schema: unknown; changes: FormatChange[] } {
  return inlineWithin(schema, options, newInlineBudget(), 0);
}

/**
 * inlineRefs drawing on a shared budget, for a schema that will sit `enclosing` levels down (a tool
 * parameter's schema sits inside `parameters` and its `properties`: 2), so the whole stays within
 * MAX_JSON_DEPTH.
 */
export function inlineWithin(
  schema: unknown,
  options: InlineOptions,
  budget: InlineBudget,
  enclosing: number,
): { schema: unknown; changes: FormatChange[] } {
  const ownRoot = !('root' in options);
  const walk: Walk = {
    root: ownRoot ? schema : options.root,
    tool: options.tool ?? null,
    changes: [],
    budget,
    // The schema is its own root: a `$ref: "#"` inside it recurs at once.
    active: ownRoot ? ['#'] : [],
  };
  const inlined = schemaAt(walk, schema, options.path ?? '', enclosing + 1);
  return { schema: inlined, changes: walk.changes };
}

/** A local `$ref`'s target, following a chain of `$ref`-only objects (an OpenAPI parameter, body or response). */
export function followRef(root: unknown, value: unknown): unknown {
  let at = value;
  for (let hop = 0; hop < 32 && isRecord(at) && typeof at.$ref === 'string'; hop++) {
    const segments = pointerSegments(at.$ref);
    const found = segments === null ? undefined : resolve(root, segments);
    if (found === undefined) return undefined;
    at = found.value;
  }
  return isRecord(at) && typeof at.$ref === 'string' ? undefined : at;
}

interface Walk {
  root: unknown;
  tool: string | null;
  changes: FormatChange[];
  budget: InlineBudget;
  /** Canonical pointers being inlined, outermost first: meeting one again is a cycle. */
  active: string[];
}

function report(walk: Walk, path: string, message: string): void {
  walk.changes.push({ tool: walk.tool, ...(path ? { path } : {}), message });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Takes one node from the budget; false (reported once) when none is left. */
function charge(walk: Walk, path: string): boolean {
  if (walk.budget.nodes > 0) {
    walk.budget.nodes--;
    return true;
  }
  if (!walk.budget.reported) {
    walk.budget.reported = true;
    report(walk, path, `Inlining stopped: the $refs expand past ${MAX_INLINED_NODES} schema nodes (a schema shared many times at many levels); from here on each schema is left as {} (accepts anything).`);
  }
  return false;
}

/** `level`: how deep the value sits (the outermost object is 1), to keep the output within MAX_JSON_DEPTH. */
function schemaAt(walk: Walk, value: unknown, path: string, level: number): unknown {
  if (!isRecord(value)) return dataAt(walk, value, path, level);
  if (!charge(walk, path)) return {};
  const ref = own(value, '$ref');
  if (typeof ref === 'string') return refAt(walk, value, ref, path, level);
  return keywordsAt(walk, value, path, level);
}

function keywordsAt(walk: Walk, node: Record<string, unknown>, path: string, level: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A map of schemas needs two more levels; cut here rather than emit a schema nested past the limit.
  if (level + 2 > MAX_JSON_DEPTH && Object.values(node).some((item) => typeof item === 'object' && item !== null)) {
    report(walk, path, `Nested deeper than ${MAX_JSON_DEPTH} levels after inlining: cut here, left as {} (accepts anything).`);
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') continue;
    const at = join(path, key);
    const kind = keywordKind(key);
    if (kind === 'definitions') {
      // Every $ref into it is inlined (or cut), so nothing refers to it any more.
      if (isRecord(value) && Object.keys(value).length > 0) {
        report(walk, at, `${key} removed after inlining: nothing refers to it any more (${Object.keys(value).join(', ')}).`);
      }
      continue;
    }
    if (kind === 'map' && isRecord(value)) {
      const map: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) setOwn(map, name, schemaAt(walk, item, join(at, name), level + 2));
      setOwn(out, key, map);
    } else if ((kind === 'list' || kind === 'schema') && Array.isArray(value)) {
      setOwn(out, key, value.map((item, index) => schemaAt(walk, item, `${at}[${index}]`, level + 2)));
    } else if (kind === 'schema') {
      setOwn(out, key, schemaAt(walk, value, at, level + 1));
    } else {
      setOwn(out, key, dataAt(walk, value, at, level + 1));
    }
  }
  return out;
}

function refAt(walk: Walk, node: Record<string, unknown>, ref: string, path: string, level: number): unknown {
  const siblings = keywordsAt(walk, node, path, level);
  const segments = pointerSegments(ref);
  if (segments === null) {
    const remote = !ref.startsWith('#');
    report(
      walk,
      path,
      remote
        ? `$ref "${ref}" is not in this document: not fetched, left out (the schema here accepts anything but its sibling keywords).`
        : `$ref "${ref}" is not a JSON pointer (e.g. an anchor name): left out.`,
    );
    return siblings;
  }
  const key = canonicalPointer(segments);
  const found = resolve(walk.root, segments);
  if (found === undefined) {
    report(walk, path, `$ref "${ref}" points at nothing in the document: left out.`);
    return siblings;
  }
  if (walk.active.includes(key)) {
    report(walk, path, `$ref "${ref}" recurs here: the cycle is cut (a schema without $refs cannot refer to itself).`);
    return merge(walk, cycleCut(found.value, key), siblings, path);
  }
  walk.active.push(key);
  const inlined = schemaAt(walk, found.value, path, level);
  walk.active.pop();
  return merge(walk, inlined, siblings, path);
}

/** What stands where a cycle recurs: the target's own type, if it has one word, so the schema stays as strict. */
function cycleCut(target: unknown, pointer: string): Record<string, unknown> {
  const type = isRecord(target) ? own(target, 'type') : undefined;
  const name = decodePointerName(pointer);
  return {
    ...(typeof type === 'string' ? { type } : {}),
    description: `${name} again (recursive: cut here when the $refs were inlined).`,
  };
}

const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$comment']);

/** Sibling keywords beside a `$ref` (JSON Schema 2020-12, OpenAPI 3.1) applied to its target. */
function merge(walk: Walk, target: unknown, siblings: Record<string, unknown>, path: string): unknown {
  if (Object.keys(siblings).length === 0) return target;
  if (!isRecord(target)) return target === false ? false : siblings;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) setOwn(out, key, value);
  for (const [key, value] of Object.entries(siblings)) {
    const before = own(out, key);
    if (key === 'properties' && isRecord(before) && isRecord(value)) {
      const properties: Record<string, unknown> = {};
      for (const [name, item] of [...Object.entries(before), ...Object.entries(value)]) setOwn(properties, name, item);
      setOwn(out, key, properties);
    } else if (key === 'required' && Array.isArray(before) && Array.isArray(value)) {
      setOwn(out, key, [...new Set([...before, ...value])]);
    } else {
      if (before !== undefined && !ANNOTATIONS.has(key) && canonicalJson(before) !== canonicalJson(value)) {
        report(walk, join(path, key), `${key} beside the $ref replaces the referenced schema's ${key}.`);
      }
      setOwn(out, key, value);
    }
  }
  return out;
}

/** A copy of plain data (enum, const, default, unknown keywords), within the depth limit. */
function dataAt(walk: Walk, value: unknown, path: string, level: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (level > MAX_JSON_DEPTH) {
    report(walk, path, `Nested deeper than ${MAX_JSON_DEPTH} levels: replaced by null.`);
    return null;
  }
  // Data counts against the budget too (a huge enum copied with every use), but a value is copied whole.
  if (walk.budget.nodes > 0) walk.budget.nodes--;
  if (Array.isArray(value)) return value.map((item, index) => dataAt(walk, item, `${path}[${index}]`, level + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) setOwn(out, key, dataAt(walk, item, join(path, key), level + 1));
  return out;
}

/** A local ref's pointer segments (`#/a/b~1c` → ["a", "b/c"]); null for anything else. */
function pointerSegments(ref: string): string[] | null {
  if (!ref.startsWith('#')) return null;
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return null;
  }
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return null;
  return fragment
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function canonicalPointer(segments: string[]): string {
  return `#${segments.map((segment) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

/** The last segment of a pointer, for words ("Node again"). */
function decodePointerName(pointer: string): string {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return last === '#' || last === '' ? 'The whole schema' : last.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The value at the pointer, through own properties and array indexes only. */
function resolve(root: unknown, segments: string[]): { value: unknown } | undefined {
  let at = root;
  for (const segment of segments) {
    if (Array.isArray(at)) {
      if (!/^(0|[1-9]\d*)$/.test(segment) || Number(segment) >= at.length) return undefined;
      at = at[Number(segment)];
    } else if (isRecord(at) && Object.hasOwn(at, segment)) {
      at = at[segment];
    } else {
      return undefined;
    }
  }
  return { value: at };
}
