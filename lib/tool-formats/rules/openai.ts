/**
 * OpenAI's rules: for every function (name, count, a root that is one object schema) and, for a tool with
 * `strict: true`, Structured Outputs' subset (every property required, no additional properties, no
 * composition keywords, size limits). OpenAI rejects a strict tool that breaks them whatever the model.
 */
import { isRecord, own } from '@/lib/util/json';
import { OPENAI_MAX_TOOLS, STRICT_DROPPED_SUBSCHEMAS, STRICT_FINE_TUNED_UNSUPPORTED, STRICT_LIMITS, STRICT_TYPE_KEYWORDS, STRICT_UNSUPPORTED } from './keywords';
import type { NodeRule, RuleContext, RuleSet, ToolRule } from './types';
import { isObjectSchema, quote, walkSchemas } from './walk';

const OPENAI = 'OpenAI';
const STRICT = 'OpenAI strict mode';

const maxTools: ToolRule = ({ tool }, report) => {
  if (tool.index !== OPENAI_MAX_TOOLS) return;
  report({ rule: 'openai/max-tools', source: OPENAI, severity: 'error', message: `${tool.label}: OpenAI accepts at most ${OPENAI_MAX_TOOLS} tools; this one and the ones after it are over: remove them.`, path: [tool.index] });
};

/** Top-level keywords OpenAI refuses ("schema must have type 'object' and not have 'oneOf'/'anyOf'/'allOf'/'enum'/'not' at the top level"). */
const ROOT_REFUSED = ['anyOf', 'oneOf', 'allOf', 'enum', 'not'];

/** Checked once per tool: as a strict-mode rule for a strict tool, else for the openai target. */
const rootObject: ToolRule = ({ tool }, report) => {
  const parameters = tool.parameters;
  if (!isRecord(parameters)) return;
  const [rule, source] = tool.strict ? ['openai-strict/root-object', STRICT] : ['openai/root-object', OPENAI];
  const type = own(parameters, 'type');
  if (type !== undefined && type !== 'object') {
    report({ rule, source, severity: 'error', message: `${tool.label}: OpenAI needs "parameters" to be one object schema ("type": "object"), not ${JSON.stringify(type)}: wrap the value in an object property.`, path: [...tool.parametersPath, 'type'] });
  }
  for (const key of ROOT_REFUSED) {
    if (Object.hasOwn(parameters, key)) {
      report({ rule, source, severity: 'error', message: `${tool.label}: OpenAI refuses "${key}" at the top of "parameters": move it into a property.`, path: [...tool.parametersPath, key], at: 'key' });
    }
  }
};

const requiredAll: NodeRule = (node, at, { tool }, report) => {
  const properties = own(node, 'properties');
  if (!isRecord(properties)) return;
  const required = own(node, 'required');
  const listed = new Set(Array.isArray(required) ? required : []);
  const missing = Object.keys(properties).filter((name) => !listed.has(name));
  if (missing.length === 0) return;
  report({
    rule: 'openai-strict/required-all',
    source: STRICT,
    severity: 'error',
    message: `${tool.label}: strict mode needs every property in "required": add ${quote(missing)} (or make ${missing.length > 1 ? 'them' : 'it'} nullable).`,
    ...(Array.isArray(required) ? { path: [...at.path, 'required'] } : { path: [...at.path, 'properties'], at: 'key' as const }),
    fix: 'make-strict',
  });
};

const noAdditionalProperties: NodeRule = (node, at, { tool }, report) => {
  if (!isObjectSchema(node)) return;
  const value = own(node, 'additionalProperties');
  if (value === false) return;
  report({
    rule: 'openai-strict/additional-properties',
    source: STRICT,
    severity: 'error',
    message: `${tool.label}: strict mode needs "additionalProperties": false on every object${value === undefined ? '' : `, not ${JSON.stringify(value)}`}.`,
    path: value === undefined ? at.path : [...at.path, 'additionalProperties'],
    fix: 'make-strict',
  });
};

const unsupportedKeywords: NodeRule = (node, at, { tool }, report) => {
  for (const key of STRICT_UNSUPPORTED) {
    if (!Object.hasOwn(node, key)) continue;
    const hint = key === 'oneOf' ? ' use anyOf instead' : ' remove it and check it in the function';
    report({ rule: 'openai-strict/unsupported-keyword', source: STRICT, severity: 'error', message: `${tool.label}: strict mode does not support "${key}":${hint}.`, path: [...at.path, key], at: 'key', fix: 'make-strict' });
  }
  for (const key of STRICT_FINE_TUNED_UNSUPPORTED) {
    if (!Object.hasOwn(node, key)) continue;
    report({ rule: 'openai-strict/fine-tuned-keyword', source: STRICT, severity: 'warning', message: `${tool.label}: strict mode does not support "${key}" for fine-tuned models: remove it if you use one.`, path: [...at.path, key], at: 'key' });
  }
};

const typed: NodeRule = (node, at, { tool }, report) => {
  if (at.root || STRICT_TYPE_KEYWORDS.some((key) => Object.hasOwn(node, key)) || isObjectSchema(node)) return;
  report({ rule: 'openai-strict/type-required', source: STRICT, severity: 'error', message: `${tool.label}: strict mode needs a "type" on every schema: give this one a type (strict mode has no free-form values).`, path: at.path, fix: 'make-strict' });
};

/** The documented size limits, counted over the whole schema in one walk. */
const limits: ToolRule = ({ tool }, report) => {
  let properties = 0;
  let enumValues = 0;
  let chars = 0;
  let deepest: { objects: number; path: Array<string | number> } = { objects: 0, path: tool.parametersPath };
  let largeEnum: Array<string | number> | null = null;
  walkSchemas(tool.parameters, tool.parametersPath, (node, at) => {
    if (at.objects > deepest.objects) deepest = { objects: at.objects, path: at.path };
    for (const key of ['properties', '$defs', 'definitions']) {
      const map = own(node, key);
      if (!isRecord(map)) continue;
      const names = Object.keys(map);
      if (key === 'properties') properties += names.length;
      for (const name of names) chars += name.length;
    }
    const values = own(node, 'enum');
    if (Array.isArray(values)) {
      enumValues += values.length;
      const length = values.reduce<number>((sum, value) => sum + (typeof value === 'string' ? value.length : 0), 0);
      chars += length;
      if (values.length > STRICT_LIMITS.largeEnum && length > STRICT_LIMITS.largeEnumChars) largeEnum ??= [...at.path, 'enum'];
    }
    const constant = own(node, 'const');
    if (typeof constant === 'string') chars += constant.length;
  });
  const over = (rule: string, message: string, path: Array<string | number>) => report({ rule, source: STRICT, severity: 'error', message: `${tool.label}: ${message}`, path });
  if (deepest.objects > STRICT_LIMITS.nesting) over('openai-strict/nesting', `strict mode allows ${STRICT_LIMITS.nesting} levels of nested objects; this schema has ${deepest.objects}: flatten it.`, deepest.path);
  if (properties > STRICT_LIMITS.properties) over('openai-strict/properties', `strict mode allows ${STRICT_LIMITS.properties} properties in all; this schema has ${properties}.`, tool.parametersPath);
  if (enumValues > STRICT_LIMITS.enumValues) over('openai-strict/enum-size', `strict mode allows ${STRICT_LIMITS.enumValues} enum values in all; this schema has ${enumValues}.`, tool.parametersPath);
  if (largeEnum) over('openai-strict/enum-size', `strict mode allows an enum of more than ${STRICT_LIMITS.largeEnum} strings only if they total at most ${STRICT_LIMITS.largeEnumChars} characters.`, largeEnum);
  if (chars > STRICT_LIMITS.stringChars) over('openai-strict/string-size', `strict mode allows ${STRICT_LIMITS.stringChars} characters of property names, enum and const values in all; this schema has ${chars}.`, tool.parametersPath);
};

/** The node rules, except inside subschemas makeStrict drops (the keyword holding them is reported). */
const STRICT_NODE_RULES: readonly NodeRule[] = [requiredAll, noAdditionalProperties, unsupportedKeywords, typed];
const strictNodes: NodeRule = (node, at, context, report) => {
  if (at.within((keyword) => STRICT_DROPPED_SUBSCHEMAS.has(keyword))) return;
  for (const rule of STRICT_NODE_RULES) rule(node, at, context, report);
};

/** Under strict mode the root is checked by OPENAI_STRICT_RULES (once, as a strict-mode rule). */
const rootObjectUnlessStrict: ToolRule = (context, report) => {
  if (!context.tool.strict) rootObject(context, report);
};

export const OPENAI_RULES: RuleSet = { applies: ({ targets }) => targets.has('openai'), tool: [maxTools, rootObjectUnlessStrict] };

/** A strict tool is held to these whatever the target: OpenAI's API is the one that reads `strict`. */
export const OPENAI_STRICT_RULES: RuleSet = {
  applies: ({ tool }: RuleContext) => tool.strict,
  tool: [rootObject, limits],
  node: [strictNodes],
};
