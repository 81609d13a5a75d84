/**
 * Walking a tool's parameters schema: every subschema once, found through the keywords that hold schemas
 * (refs.ts's keywordKind), within MAX_JSON_DEPTH levels and a node budget, so a check that runs on every
 * edit stays bounded whatever is typed.
 */
import { isRecord, own, setOwn } from '@/lib/util/json';
import { MAX_JSON_DEPTH } from '@/lib/wire/json-depth';
import { keywordKind } from '@/lib/util/schema-keywords';

export type JsonPath = Array<string | number>;

export interface SchemaAt {
  /** From the tools array, e.g. [0, 'function', 'parameters', 'properties', 'unit']. */
  readonly path: JsonPath;
  readonly root: boolean;
  /** Object schemas from the root down to this one, itself included (OpenAI's "levels of nesting"). */
  readonly objects: number;
  /** Whether the way from the root passes through a keyword that `test` picks (e.g. a `not` a conversion drops). */
  within(test: (keyword: string) => boolean): boolean;
}

/** Subschemas one walk visits at most: far above real tools, low enough to stay fast. */
export const MAX_WALKED_SCHEMAS = 5_000;

/** A place whose path is built only when a finding asks for it: most nodes never need theirs. */
class Place implements SchemaAt {
  private built: JsonPath | null;
  readonly objects: number;

  constructor(
    private readonly parent: Place | null,
    private readonly segments: JsonPath,
    node: unknown,
  ) {
    this.built = parent ? null : segments;
    this.objects = (parent?.objects ?? 0) + (isRecord(node) && isObjectSchema(node) ? 1 : 0);
  }

  get root(): boolean {
    return this.parent === null;
  }

  within(test: (keyword: string) => boolean): boolean {
    return this.parent !== null && (test(String(this.segments[0])) || this.parent.within(test));
  }

  get path(): JsonPath {
    this.built ??= [...this.parent!.path, ...this.segments];
    return this.built;
  }
}

/** Calls `visit` on every object subschema, parents first, until it returns false or the budget runs out. */
export function walkSchemas(schema: unknown, path: JsonPath, visit: (node: Record<string, unknown>, at: SchemaAt) => boolean | void): void {
  let budget = MAX_WALKED_SCHEMAS;
  const go = (value: unknown, at: Place, level: number): boolean => {
    if (!isRecord(value) || level > MAX_JSON_DEPTH) return true;
    if (budget-- <= 0 || visit(value, at) === false) return false;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const kind = keywordKind(key);
      if (kind === 'data') continue;
      const child = value[key];
      if ((kind === 'map' || kind === 'definitions') && isRecord(child)) {
        for (const name in child) if (Object.hasOwn(child, name) && !go(child[name], new Place(at, [key, name], child[name]), level + 2)) return false;
      } else if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) if (!go(child[i], new Place(at, [key, i], child[i]), level + 2)) return false;
      } else if (kind === 'schema' && !go(child, new Place(at, [key], child), level + 1)) {
        return false;
      }
    }
    return true;
  };
  go(schema, new Place(null, path, schema), 0);
}

/**
 * A copy of the schema with `rewrite` applied to every subschema, parents first: it gets a node (not to
 * be changed) and its dotted path, and returns the node to keep, whose subschemas are rewritten next.
 */
export function rewriteSchemas(schema: unknown, rewrite: (node: Record<string, unknown>, path: string) => Record<string, unknown>, path: string, level = 0): unknown {
  if (!isRecord(schema) || level > MAX_JSON_DEPTH) return schema;
  const node = rewrite(schema, path);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const kind = keywordKind(key);
    const at = `${path}.${key}`;
    if ((kind === 'map' || kind === 'definitions') && isRecord(value)) {
      const map: Record<string, unknown> = {};
      for (const [name, item] of Object.entries(value)) setOwn(map, name, rewriteSchemas(item, rewrite, `${at}.${name}`, level + 2));
      setOwn(out, key, map);
    } else if (kind !== 'data' && Array.isArray(value)) {
      setOwn(out, key, value.map((item, i) => rewriteSchemas(item, rewrite, `${at}[${i}]`, level + 2)));
    } else {
      setOwn(out, key, kind === 'schema' ? rewriteSchemas(value, rewrite, at, level + 1) : value);
    }
  }
  return out;
}

/** A shallow copy without the given keys. */
export function without(node: Record<string, unknown>, keys: Iterable<string>): Record<string, unknown> {
  const drop = new Set(keys);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (!drop.has(key)) setOwn(out, key, value);
  return out;
}

/** The schema's `type` as a list of names (none when it has no type or a malformed one). */
export function typeNames(node: Record<string, unknown>): string[] {
  const type = own(node, 'type');
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

/** An object schema: `type` says object, or it has properties and no type. */
export function isObjectSchema(node: Record<string, unknown>): boolean {
  const types = typeNames(node);
  return types.includes('object') || (own(node, 'type') === undefined && isRecord(own(node, 'properties')));
}

/** The JSON Schema type name of a value ("integer" for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether the value is of the JSON Schema type (an integer is also a number). */
export function matchesType(value: unknown, type: string): boolean {
  const actual = jsonType(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Values for a message: the first few as JSON, then how many more. */
export function quote(values: readonly unknown[], max = 5): string {
  const shown = values.slice(0, max).map((value) => JSON.stringify(value)).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}
