/** For Monaco's JSON mode: completion and hints (lib/tools/lint.ts decides what blocks Send). */
import { FUNCTION_NAME_PATTERN, LIMITS } from '@/lib/wire/chat-constants';

const NAME_RULE = FUNCTION_NAME_PATTERN.source;

/** JSON Schema of the OpenAI `tools` array, for Monaco's JSON completion and diagnostics. */
export const TOOLS_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'OpenAI tools',
  description: 'The tools the model may call: an array of function tools.',
  type: 'array',
  maxItems: LIMITS.maxTools,
  items: {
    type: 'object',
    required: ['type', 'function'],
    additionalProperties: false,
    defaultSnippets: [
      {
        label: 'New function tool',
        description: 'A function tool with an object of parameters',
        body: {
          type: 'function',
          function: { name: '$1', description: '$2', parameters: { type: 'object', properties: {}, required: [] } },
        },
      },
    ],
    properties: {
      type: { const: 'function', description: 'Always "function".' },
      function: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: {
            type: 'string',
            pattern: NAME_RULE,
            patternErrorMessage: `Function names must match ${NAME_RULE}.`,
            description: 'The name the model calls: letters, digits, _ and -, at most 64.',
          },
          description: { type: 'string', description: 'What the function does; the model reads this to decide when to call it.' },
          parameters: {
            $ref: 'http://json-schema.org/draft-07/schema#',
            description: 'A JSON Schema for the arguments object, e.g. {"type": "object", "properties": {…}, "required": […]}.',
          },
          strict: { type: ['boolean', 'null'], description: 'Structured Outputs: arguments follow the schema exactly (OpenAI).' },
        },
      },
    },
  },
} as const;
