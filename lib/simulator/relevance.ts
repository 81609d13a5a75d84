/**
 * Which tools a message is about: the message's words and concepts against each tool's name (weighted
 * most), description, parameter names, and parameter descriptions and enum options (weighted least).
 */
import type { Tool } from '@/lib/wire/chat';
import { schemaTexts } from './calls';
import { isSchemaObject, schemaMap } from './schema';
import { concepts, PARAMETER_CONCEPTS } from './words';

/** A tool must score at least this, e.g. one concept shared with a parameter name. */
export const RELEVANCE_THRESHOLD = 2;

export function relevance(tool: Tool, messageConcepts: ReadonlySet<string>): number {
  let score = 0;
  for (const weight of evidence(tool, messageConcepts).values()) score += weight;
  return score;
}

/** The message's concepts the tool relates to, each with the weight of where the tool names it. */
function evidence(tool: Tool, messageConcepts: ReadonlySet<string>): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const item of concepts(text)) weights.set(item, Math.max(weights.get(item) ?? 0, weight));
  };
  const { name, description, parameters } = tool.function;
  add(name, 3);
  add(description ?? '', 2);
  for (const [key, schema] of propertyEntries(parameters, 0)) {
    add(key, 2);
    for (const text of schemaTexts({ ...schema, properties: undefined }, 0)) add(text, 1);
  }
  const found = new Map<string, number>();
  for (const item of messageConcepts) {
    const weight = weights.get(item);
    if (weight !== undefined && !PARAMETER_CONCEPTS.has(item)) found.set(item, weight);
  }
  return found;
}

function propertyEntries(schema: unknown, depth: number): Array<[string, Record<string, unknown>]> {
  if (!isSchemaObject(schema) || depth > 6) return [];
  const entries: Array<[string, Record<string, unknown>]> = [];
  for (const [key, value] of Object.entries(schemaMap(schema, 'properties'))) {
    entries.push([key, value], ...propertyEntries(value, depth + 1), ...propertyEntries(value.items, depth + 1));
  }
  return entries;
}

/**
 * The tools the message relates to, best first; ties keep the request's order. A tool after the best is
 * kept only for evidence of its own: words of the message that the tools kept before it do not explain
 * ("email … the weather" asks for two tools; "the area of a triangle" for one, however many are about areas).
 */
export function relatedTools(tools: readonly Tool[], messageConcepts: ReadonlySet<string>): Tool[] {
  const scored = tools
    .map((tool, index) => ({ tool, index, found: evidence(tool, messageConcepts) }))
    .map((entry) => ({ ...entry, score: [...entry.found.values()].reduce((sum, weight) => sum + weight, 0) }))
    .filter((entry) => entry.score >= RELEVANCE_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const best = scored[0]?.score ?? 0;
  const explained = new Set<string>();
  const kept: Tool[] = [];
  // A tool that shares only half of the best match's evidence (say, just the verb "send") is left out.
  for (const entry of scored.filter((candidate) => candidate.score * 2 > best)) {
    let own = 0;
    for (const [item, weight] of entry.found) if (!explained.has(item) && weight >= 2) own += weight;
    if (kept.length && own < RELEVANCE_THRESHOLD) continue;
    kept.push(entry.tool);
    for (const item of entry.found.keys()) explained.add(item);
  }
  return kept;
}
