/**
 * The state argument filling threads through a schema: the message's facts, which of them are taken,
 * and where in the schema it is. Kept apart from the fillers so objects and arrays can recurse through
 * a passed-in `Fill` without an import cycle.
 */
import type { Facts } from './facts';
import { canonicalJson } from '@/lib/util/json';
import type { Hint, ToolProfile } from './roles';
import { flatten, stringKeyword, type JsonSchema } from './schema';

export interface FillContext {
  facts: Facts;
  tool: ToolProfile;
  root: JsonSchema;
  /** Facts already given to a parameter, keyed `kind:value`, so two parameters do not get the same one. */
  used: Set<string>;
  /** Non-zero for the 2nd, 3rd… placeholder of an array, so unique items differ. */
  variant: number;
  depth: number;
  /** Numbers whose surrounding words name no parameter may go to any numeric parameter. */
  leftoverNumbers: boolean;
  /**
   * This value is the top of its facts: the arguments (the whole message), or one record of an array of
   * objects (its stretch of the message). Its numbers no parameter named go to its numeric properties.
   */
  ownsFacts: boolean;
  /** List expansion: this top-level property gets this value. */
  forced?: { property: string; value: string };
  /**
   * What is already known besides the message (a structured answer's tool results): consulted first for
   * every value, and kept down the schema.
   */
  known?: Known;
}

/** A value known for this place in the schema (flattened), or undefined to fill it from the message. */
export type Known = (schema: JsonSchema, hint: Hint, ctx: FillContext) => Filled | undefined;

export interface Filled {
  value: unknown;
  /** Whether the value came from the message (and so an optional property is worth sending). */
  found: boolean;
  /** What the reply should say about the value (a pattern it could not meet or not check), if anything. */
  notes?: string[];
}

/** The notes of the values that went into a result. */
export function notesOf(results: Iterable<Filled | undefined>): string[] | undefined {
  const notes = new Set<string>();
  for (const result of results) for (const note of result?.notes ?? []) notes.add(note);
  return notes.size ? [...notes] : undefined;
}

export type Fill = (schema: JsonSchema, hint: Hint, ctx: FillContext) => Filled;

/** Context for a property or item of the current value. */
export function child(ctx: FillContext, variant = ctx.variant): FillContext {
  return { ...ctx, depth: ctx.depth + 1, forced: undefined, leftoverNumbers: false, ownsFacts: false, variant };
}

/** The hint for a property: its name and its (resolved) description. */
export function hintFor(name: string, schema: JsonSchema, root: JsonSchema): Hint {
  return { name, description: stringKeyword(flatten(schema, root), 'description') ?? '' };
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
