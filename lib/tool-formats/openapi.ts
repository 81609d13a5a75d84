/**
 * OpenAPI 3.0/3.1 documents as tools: one tool per operation, its parameters one object schema (see
 * openapi-parameters.ts), its 200/201 JSON response as the result schema. Every `$ref` is inlined against
 * the document with one budget for the whole import, so a hostile document costs bounded work; nothing
 * throws, and everything changed or left out is reported.
 */
import { isRecord, own } from '@/lib/util/json';
import { FUNCTION_NAME_PATTERN, LIMITS } from '@/lib/wire/chat-constants';
import { operationParameters } from './openapi-parameters';
import { jsonContentSchema, schemaForTool, type OpenApiImport } from './openapi-schema';
import { followRef, newInlineBudget } from './refs';
import type { FormatChange, ImportedTool } from './types';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
/** What the wire format accepts for a function's description. */
const MAX_DESCRIPTION = 10_000;

export function importOpenApi(document: Record<string, unknown>): { tools: ImportedTool[]; changes: FormatChange[] } {
  const changes: FormatChange[] = [];
  const version = own(document, 'openapi');
  if (own(document, 'swagger') !== undefined && version === undefined) {
    changes.push({ tool: null, message: 'This is a Swagger 2.0 document, not OpenAPI 3: convert it to OpenAPI 3 first (e.g. with swagger2openapi). No tools imported.' });
    return { tools: [], changes };
  }
  if (typeof version !== 'string' || !/^3\.[01](\.|$)/.test(version)) {
    changes.push({ tool: null, message: `${typeof version === 'string' ? `OpenAPI ${version}` : 'No "openapi" version'}: read as OpenAPI 3.1.` });
  }
  const paths = own(document, 'paths');
  if (!isRecord(paths)) {
    changes.push({ tool: null, message: 'The document has no "paths" object: there are no operations to import.' });
    return { tools: [], changes };
  }
  const run: OpenApiImport = { document, budget: newInlineBudget(), changes };
  const tools: ImportedTool[] = [];
  const names = new Set<string>();
  let left = 0;
  for (const [route, raw] of Object.entries(paths)) {
    const pathItem = followRef(document, raw);
    if (!isRecord(pathItem)) {
      changes.push({ tool: null, message: `paths["${route}"] is not a Path Item Object (or its $ref leads nowhere): skipped.` });
      continue;
    }
    for (const method of METHODS) {
      const operation = own(pathItem, method);
      if (operation === undefined) continue;
      if (!isRecord(operation)) {
        changes.push({ tool: null, message: `${method.toUpperCase()} ${route} is not an Operation Object: skipped.` });
      } else if (tools.length >= LIMITS.maxTools) {
        left++;
      } else {
        tools.push(importOperation(run, names, { route, method, pathItem, operation }));
      }
    }
  }
  if (left > 0) {
    changes.push({ tool: null, message: `${left} more operations left out: at most ${LIMITS.maxTools} tools are sent with a request.` });
  }
  if (tools.length === 0) changes.push({ tool: null, message: 'The document has no operations under "paths": no tools imported.' });
  return { tools, changes };
}

interface Operation {
  route: string;
  method: (typeof METHODS)[number];
  pathItem: Record<string, unknown>;
  operation: Record<string, unknown>;
}

function importOperation(run: OpenApiImport, names: Set<string>, op: Operation): ImportedTool {
  const name = uniqueName(run, names, operationName(run, op));
  const description = operationDescription(run, name, op);
  const parameters = operationParameters(run, { tool: name, route: op.route, pathItem: op.pathItem, operation: op.operation });
  const resultSchema = operationResult(run, name, op.operation);
  return {
    tool: { type: 'function', function: { name, ...(description !== undefined ? { description } : {}), parameters } },
    ...(resultSchema !== undefined ? { resultSchema } : {}),
  };
}

/** `operationId` as a function name, or the method and path (`get_pets_petId`) when there is none. */
function operationName(run: OpenApiImport, op: Operation): string {
  const fromPath = functionName(`${op.method} ${op.route}`) || op.method;
  const id = own(op.operation, 'operationId');
  if (typeof id !== 'string' || id.trim() === '') return fromPath;
  if (FUNCTION_NAME_PATTERN.test(id)) return id;
  const name = functionName(id) || fromPath;
  run.changes.push({ tool: name, message: `operationId "${id.slice(0, 100)}" is not a function name (^[a-zA-Z0-9_-]{1,64}$): named ${name}.` });
  return name;
}

/** Runs of anything but letters, digits, `_` and `-` as one `_`, trimmed and cut to 64 characters. */
function functionName(text: string): string {
  return text
    .replace(/[^a-zA-Z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
}

function uniqueName(run: OpenApiImport, names: Set<string>, name: string): string {
  let unique = name;
  for (let n = 2; names.has(unique); n++) unique = `${name.slice(0, 64 - `_${n}`.length)}_${n}`;
  if (unique !== name) run.changes.push({ tool: unique, message: `Another operation is already named ${name}: this one is ${unique}.` });
  names.add(unique);
  return unique;
}

/** Summary and description, once each, bounded; a deprecated operation says so to the model too. */
function operationDescription(run: OpenApiImport, tool: string, op: Operation): string | undefined {
  const parts: string[] = [];
  for (const key of ['summary', 'description']) {
    const text = own(op.operation, key);
    if (typeof text === 'string' && text.trim() !== '' && !parts.includes(text.trim())) parts.push(text.trim());
  }
  if (own(op.operation, 'deprecated') === true) {
    parts.unshift('Deprecated.');
    run.changes.push({ tool, message: `${op.method.toUpperCase()} ${op.route} is deprecated: imported, with "Deprecated." in its description.` });
  }
  if (parts.length === 0) return undefined;
  const description = parts.join('\n\n');
  if (description.length <= MAX_DESCRIPTION) return description;
  run.changes.push({ tool, path: 'description', message: `Description cut to ${MAX_DESCRIPTION} characters (it had ${description.length}).` });
  return `${description.slice(0, MAX_DESCRIPTION - 1)}…`;
}

/** The 200 (or else 201) response's JSON schema: what the function returns. */
function operationResult(run: OpenApiImport, tool: string, operation: Record<string, unknown>): Record<string, unknown> | undefined {
  const responses = own(operation, 'responses');
  if (!isRecord(responses)) return undefined;
  const response = followRef(run.document, own(responses, '200') ?? own(responses, '201'));
  if (!isRecord(response)) return undefined;
  const content = jsonContentSchema(own(response, 'content'));
  if (!content.found) return undefined;
  const { schema, changes } = schemaForTool(run, content.schema, tool, 'resultSchema', 0);
  run.changes.push(...changes);
  return isRecord(schema) ? schema : undefined;
}
