/**
 * Plain JSON Schema mistakes any provider trips on, checked for every target, and their quick fixes:
 * `required` that names what is not there, enums no value of the type can match, an untyped root.
 */
import { isRecord, own, setOwn } from '@/lib/util/json';
import type { FormatChange } from '../types';
import type { NodeRule, RuleContext, RuleSet } from './types';
import { jsonType, matchesType, quote, rewriteSchemas, typeNames } from './walk';

const SOURCE = 'JSON Schema';

/** Where a wrong `required` is rejected rather than ignored. */
function rejectsUnknownRequired({ tool, targets }: RuleContext): boolean {
  return tool.strict || targets.has('gemini') || targets.has('anthropic');
}

/** Whether `required` is checked against `properties` here (a bare `required` in anyOf/allOf is legitimate). */
function definesProperties(node: Record<string, unknown>, root: boolean): boolean {
  return isRecord(own(node, 'properties')) || root;
}

const requiredList: NodeRule = (node, at, context, report) => {
  const required = own(node, 'required');
  if (required === undefined) return;
  const label = context.tool.label;
  const path = [...at.path, 'required'];
  if (!Array.isArray(required)) {
    const message =
      typeof required === 'boolean'
        ? `${label}: "required": ${required} inside a property is draft-3 style: list the property's name in its parent's "required" array instead.`
        : `${label}: "required" must be an array of property names.`;
    report({ rule: 'json-schema/required-array', source: SOURCE, severity: 'error', message, path, fix: 'drop-undefined-required' });
    return;
  }
  const properties = own(node, 'properties');
  const checked = definesProperties(node, at.root);
  const seen = new Set<string>();
  required.forEach((name, i) => {
    if (typeof name !== 'string') {
      report({ rule: 'json-schema/required-array', source: SOURCE, severity: 'error', message: `${label}: "required" holds ${JSON.stringify(name)}: it must list property names (strings).`, path: [...path, i], fix: 'drop-undefined-required' });
    } else if (seen.has(name)) {
      report({ rule: 'json-schema/required-duplicate', source: SOURCE, severity: 'warning', message: `${label}: "${name}" is in "required" twice: remove the second one.`, path: [...path, i], fix: 'drop-undefined-required' });
    } else {
      seen.add(name);
      if (checked && !(isRecord(properties) && Object.hasOwn(properties, name))) {
        report({
          rule: 'json-schema/required-unknown',
          source: SOURCE,
          severity: rejectsUnknownRequired(context) ? 'error' : 'warning',
          message: `${label}: "required" names "${name}", which is not in "properties": add the property or remove the name.`,
          path: [...path, i],
          fix: 'drop-undefined-required',
        });
      }
    }
  });
};

const enumMatchesType: NodeRule = (node, at, { tool }, report) => {
  const values = own(node, 'enum');
  const types = typeNames(node);
  if (!Array.isArray(values) || types.length === 0) return;
  const wrong = values.filter((value) => !types.some((type) => matchesType(value, type)));
  if (wrong.length === 0) return;
  report({
    rule: 'json-schema/enum-type',
    source: SOURCE,
    severity: 'warning',
    message: `${tool.label}: enum value${wrong.length > 1 ? 's' : ''} ${quote(wrong)} ${wrong.length > 1 ? 'are' : 'is'} not of "type" ${JSON.stringify(own(node, 'type'))}, so no argument can match ${wrong.length > 1 ? 'them' : 'it'}: fix the values or the type.`,
    path: [...at.path, 'enum'],
    fix: 'fix-enum-type',
  });
};

/** The root is an object schema without `type: "object"` (providers read the type, not the shape). */
const rootObjectType: NodeRule = (node, at, { tool, targets }, report) => {
  if (!at.root || own(node, 'type') !== undefined) return;
  const rejected = tool.strict || targets.has('openai') || targets.has('anthropic');
  report({
    rule: 'json-schema/object-type',
    source: SOURCE,
    severity: rejected ? 'error' : 'warning',
    message: `${tool.label}: "parameters" has no "type": add "type": "object" (OpenAI and Anthropic reject a schema without it).`,
    path: at.path,
    fix: 'add-object-type',
  });
};

export const JSON_SCHEMA_RULES: RuleSet = { applies: () => true, node: [rootObjectType, requiredList, enumMatchesType] };

type Change = (path: string, message: string) => void;

function changer(tool: string | null, changes: FormatChange[]): Change {
  return (path, message) => changes.push({ tool, path, message });
}

/** `"type": "object"` put first in the parameters. */
export function addObjectType(parameters: unknown, tool: string | null): { schema: unknown; changes: FormatChange[] } {
  const schema: Record<string, unknown> = { type: 'object' };
  if (isRecord(parameters)) for (const [key, value] of Object.entries(parameters)) if (key !== 'type') setOwn(schema, key, value);
  return { schema, changes: [{ tool, path: 'parameters.type', message: '"type": "object" added.' }] };
}

/**
 * Every `required` made a list of the object's own property names, once each: draft-3 `required: true`
 * inside a property moves to its parent's list; names of nothing, duplicates and non-strings go.
 */
export function cleanRequired(parameters: unknown, tool: string | null): { schema: unknown; changes: FormatChange[] } {
  const changes: FormatChange[] = [];
  const change = changer(tool, changes);
  const schema = rewriteSchemas(parameters, (node, path) => cleanNode(node, path, path === 'parameters', change), 'parameters');
  return { schema, changes };
}

function cleanNode(node: Record<string, unknown>, path: string, root: boolean, change: Change): Record<string, unknown> {
  const out: Record<string, unknown> = { ...node };
  const properties = own(node, 'properties');
  const required = own(node, 'required');
  let names: unknown[] = Array.isArray(required) ? [...required] : [];
  if (typeof required === 'boolean' || (required !== undefined && !Array.isArray(required))) {
    change(`${path}.required`, `"required": ${JSON.stringify(required)} removed (it must be a list of names).`);
  }
  if (isRecord(properties)) {
    const moved: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      const flag = isRecord(property) ? own(property, 'required') : undefined;
      if (typeof flag !== 'boolean') {
        setOwn(moved, name, property);
        continue;
      }
      const { required: _flag, ...rest } = property as Record<string, unknown>;
      setOwn(moved, name, rest);
      if (flag) names.push(name);
      change(`${path}.properties.${name}.required`, flag ? `"${name}" moved into the parent's "required" list.` : `"required": false removed from "${name}".`);
    }
    out.properties = moved;
  }
  const keep = new Set<string>();
  names = names.filter((name) => {
    const ok = typeof name === 'string' && !keep.has(name) && (!definesProperties(node, root) || (isRecord(properties) && Object.hasOwn(properties, name)));
    if (ok) keep.add(name as string);
    else change(`${path}.required`, `${JSON.stringify(name)} removed from "required" (${typeof name !== 'string' ? 'not a name' : keep.has(name) ? 'listed twice' : 'no such property'}).`);
    return ok;
  });
  if (names.length > 0) out.required = names;
  else delete out.required;
  return out;
}

/**
 * Each enum made to agree with its type: values of another type dropped when some match; when none
 * does, the type changed to the values' own.
 */
export function fixEnumTypes(parameters: unknown, tool: string | null): { schema: unknown; changes: FormatChange[] } {
  const changes: FormatChange[] = [];
  const change = changer(tool, changes);
  const schema = rewriteSchemas(
    parameters,
    (node, path) => {
      const values = own(node, 'enum');
      const types = typeNames(node);
      if (!Array.isArray(values) || types.length === 0) return node;
      const fits = (value: unknown) => types.some((type) => matchesType(value, type));
      const matching = values.filter(fits);
      if (matching.length === values.length) return node;
      if (matching.length > 0) {
        change(`${path}.enum`, `${quote(values.filter((value) => !fits(value)))} removed from the enum: not of type ${JSON.stringify(own(node, 'type'))}.`);
        return { ...node, enum: matching };
      }
      const found = [...new Set(values.map(jsonType))];
      const merged = found.includes('number') ? found.filter((type) => type !== 'integer') : found;
      const type = merged.length === 1 ? merged[0] : merged;
      change(`${path}.type`, `"type" changed from ${JSON.stringify(own(node, 'type'))} to ${JSON.stringify(type)}, the type of the enum's values.`);
      return { ...node, type };
    },
    'parameters',
  );
  return { schema, changes };
}
