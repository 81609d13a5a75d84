/** Anthropic's rule for `input_schema` (https://docs.anthropic.com/en/docs/build-with-claude/tool-use): an object schema. */
import { isRecord, own } from '@/lib/util/json';
import type { RuleSet, ToolRule } from './types';

const inputSchemaObject: ToolRule = ({ tool }, report) => {
  if (!isRecord(tool.parameters)) return;
  const type = own(tool.parameters, 'type');
  // A missing type is json-schema/object-type's (with its fix); this is a type that is not object.
  if (type === undefined || type === 'object') return;
  report({
    rule: 'anthropic/input-schema-object',
    source: 'Anthropic',
    severity: 'error',
    message: `${tool.label}: Anthropic needs the input schema to be "type": "object", not ${JSON.stringify(type)}: wrap the value in an object property.`,
    path: [...tool.parametersPath, 'type'],
  });
};

export const ANTHROPIC_RULES: RuleSet = { applies: ({ targets }) => targets.has('anthropic'), tool: [inputSchemaObject] };
