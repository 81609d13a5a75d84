/**
 * The providers' documented schema rules as data, each list beside the page it comes from, so that the
 * checks (rules/*.ts) and the conversions (strict.ts, gemini-subset.ts) agree on one list.
 */

/**
 * OpenAI strict mode, "Supported schemas" of Structured Outputs
 * (https://platform.openai.com/docs/guides/structured-outputs#supported-schemas): composition keywords it
 * rejects. `oneOf` is not in the supported list and the API answers "'oneOf' is not permitted".
 */
export const STRICT_UNSUPPORTED = ['allOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas', 'dependencies'] as const;

/** Keywords whose subschemas makeStrict drops with them, so rules do not look inside. */
export const STRICT_DROPPED_SUBSCHEMAS: ReadonlySet<string> = new Set(['not', 'if', 'then', 'else', 'dependentSchemas', 'dependencies']);

/** Same page: keywords documented as unsupported for fine-tuned models (accepted by the others). */
export const STRICT_FINE_TUNED_UNSUPPORTED = [
  'patternProperties',
  'unevaluatedProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'uniqueItems',
] as const;

/** What gives a subschema its type: strict mode needs one on every schema ("schema must have a 'type' key"). */
export const STRICT_TYPE_KEYWORDS = ['type', 'anyOf', '$ref', 'enum', 'const'] as const;

/** Same page, "Limitations": the size of one strict schema. */
export const STRICT_LIMITS = {
  properties: 5_000,
  nesting: 10,
  enumValues: 1_000,
  /** A string enum with more values than this must keep its values' total length under `largeEnumChars`. */
  largeEnum: 250,
  largeEnumChars: 15_000,
  /** Property names, definition names, enum and const values together. */
  stringChars: 120_000,
} as const;

/**
 * Gemini's Schema object, the fields it accepts (https://ai.google.dev/api/caching#Schema, a "select
 * subset of an OpenAPI 3.0 schema object"): anything else is refused as an unknown field.
 */
export const GEMINI_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);

/** Keywords holding subschemas that the Gemini subset keeps (oneOf and allOf become anyOf or merge). */
export const GEMINI_KEPT_SUBSCHEMAS: ReadonlySet<string> = new Set(['properties', 'items', 'anyOf', 'oneOf', 'allOf']);

/** Keywords that refer into the schema; Gemini follows none of them (inline them instead). */
export const REF_KEYWORDS: ReadonlySet<string> = new Set(['$ref', '$defs', 'definitions']);

/**
 * OpenAI (https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools), Anthropic
 * (https://docs.anthropic.com/en/docs/build-with-claude/tool-use, "name … must match
 * ^[a-zA-Z0-9_-]{1,64}$") and Mistral function names.
 */
export const COMMON_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Gemini's FunctionDeclaration.name (https://ai.google.dev/api/caching#FunctionDeclaration: "a-z, A-Z,
 * 0-9, or contain underscores, colons, dots, and dashes, with a maximum length of 64"; Vertex AI's
 * reference adds "Must start with a letter or an underscore").
 */
export const GEMINI_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/** Mistral's tool call ids: its API answers "Tool call id was … but must be a-z, A-Z, 0-9, with a length of 9". */
export const MISTRAL_TOOL_CALL_ID = /^[a-zA-Z0-9]{9}$/;

/** OpenAI's limit on tools per request (the API reference: "A max of 128 functions are supported"). */
export const OPENAI_MAX_TOOLS = 128;
