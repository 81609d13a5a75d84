/**
 * One operation's inputs as a tool's `parameters`: a single object schema whose properties are the path,
 * query, header and cookie parameters and the JSON request body, the way a model fills them in one call.
 */
import { isRecord, own, setOwn } from '@/lib/util/json';
import { jsonContentSchema, schemaForTool, type OpenApiImport } from './openapi-schema';
import { followRef } from './refs';
import type { FormatChange } from './types';

const LOCATIONS = ['path', 'query', 'header', 'cookie'];
/** Keywords of an object body that survive spreading its properties into the parameters. */
const SPREADABLE = new Set(['type', 'properties', 'required', 'title', 'description', 'examples']);

interface Parameter {
  name: string;
  in: string;
  record: Record<string, unknown>;
}

export interface OperationInput {
  tool: string;
  route: string;
  pathItem: Record<string, unknown>;
  operation: Record<string, unknown>;
}

export function operationParameters(run: OpenApiImport, input: OperationInput): Record<string, unknown> {
  const { tool } = input;
  const note = (path: string | undefined, message: string) => run.changes.push({ tool, ...(path ? { path } : {}), message });
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const parameter of declaredParameters(run, input)) {
    let property = parameter.name;
    if (Object.hasOwn(properties, property)) {
      property = `${parameter.in}_${parameter.name}`;
      note(`parameters.properties.${property}`, `The ${parameter.in} parameter "${parameter.name}" shares its name with another parameter: named ${property}.`);
      if (Object.hasOwn(properties, property)) continue;
    }
    setOwn(properties, property, parameterSchema(run, tool, parameter, `parameters.properties.${property}`));
    if (parameter.in === 'path' || parameter.record.required === true) required.push(property);
  }
  // A path template's variable is part of the URL even when the document forgets to declare it.
  for (const match of input.route.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1];
    if (Object.hasOwn(properties, name)) continue;
    setOwn(properties, name, { type: 'string' });
    required.push(name);
    note(`parameters.properties.${name}`, `The path's {${name}} has no parameter declared: added as a required string.`);
  }
  requestBody(run, input, properties, required);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/** Path-level parameters with the operation's own, the operation's winning by name and location. */
function declaredParameters(run: OpenApiImport, input: OperationInput): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const [owner, list] of [
    ['path item', own(input.pathItem, 'parameters')],
    ['operation', own(input.operation, 'parameters')],
  ] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      run.changes.push({ tool: input.tool, message: `The ${owner}'s parameters are not a list: ignored.` });
      continue;
    }
    list.forEach((item, index) => {
      const record = followRef(run.document, item);
      const name = isRecord(record) ? own(record, 'name') : undefined;
      const location = isRecord(record) ? own(record, 'in') : undefined;
      if (!isRecord(record) || typeof name !== 'string' || name === '' || typeof location !== 'string' || !LOCATIONS.includes(location)) {
        run.changes.push({ tool: input.tool, message: `The ${owner}'s parameter ${index + 1} is not a parameter with a name and a location (path, query, header, cookie), or its $ref leads nowhere: skipped.` });
        return;
      }
      byKey.set(`${location}\u0000${name}`, { name, in: location, record });
    });
  }
  return [...byKey.values()];
}

function parameterSchema(run: OpenApiImport, tool: string, parameter: Parameter, path: string): unknown {
  const { record } = parameter;
  let source = own(record, 'schema');
  if (source === undefined && own(record, 'content') !== undefined) {
    const content = jsonContentSchema(own(record, 'content'));
    source = content.found ? content.schema : undefined;
  }
  if (source === undefined) {
    run.changes.push({ tool, path, message: `The ${parameter.in} parameter "${parameter.name}" has no schema: it accepts anything.` });
    source = {};
  }
  // A parameter sits in `parameters.properties`: two levels down.
  const { schema, changes } = schemaForTool(run, source, tool, path, 2);
  run.changes.push(...changes);
  const description = own(record, 'description');
  if (isRecord(schema) && typeof description === 'string' && description.trim() !== '') schema.description = description.trim();
  return schema;
}

function requestBody(run: OpenApiImport, input: OperationInput, properties: Record<string, unknown>, required: string[]): void {
  const { tool } = input;
  const raw = own(input.operation, 'requestBody');
  if (raw === undefined) return;
  const body = followRef(run.document, raw);
  if (!isRecord(body)) {
    run.changes.push({ tool, message: 'The request body is not a Request Body Object (or its $ref leads nowhere): not imported.' });
    return;
  }
  const content = jsonContentSchema(own(body, 'content'));
  if (!content.found) {
    const kinds = content.mediaTypes.length > 0 ? content.mediaTypes.join(', ') : 'no media type';
    run.changes.push({ tool, message: `The request body has no JSON media type (${kinds}): not imported.` });
    return;
  }
  const bodyRequired = own(body, 'required') === true;
  const nested = 'parameters.properties.body';
  const { schema, changes } = schemaForTool(run, content.schema, tool, nested, 2);
  const clash = isRecord(schema) && isRecord(schema.properties) ? Object.keys(schema.properties).filter((name) => Object.hasOwn(properties, name)) : [];
  if (isRecord(schema) && spreadable(schema, bodyRequired) && clash.length === 0) {
    run.changes.push(...changes.map((change) => moved(moved(change, `${nested}.properties`, 'parameters.properties'), nested, 'parameters')));
    for (const [name, item] of Object.entries(schema.properties as Record<string, unknown>)) setOwn(properties, name, item);
    const names = Array.isArray(schema.required) ? schema.required : [];
    for (const name of names) if (typeof name === 'string' && Object.hasOwn(properties, name) && !required.includes(name)) required.push(name);
    return;
  }
  let property = 'body';
  if (Object.hasOwn(properties, property)) {
    property = 'request_body';
    run.changes.push({ tool, path: `parameters.properties.${property}`, message: `A parameter is named "body": the request body is named ${property}.` });
    if (Object.hasOwn(properties, property)) return;
  }
  run.changes.push(...(property === 'body' ? changes : changes.map((change) => moved(change, nested, `parameters.properties.${property}`))));
  if (clash.length > 0) {
    run.changes.push({ tool, path: `parameters.properties.${property}`, message: `The body's ${clash.join(', ')} share a name with parameters: the body is kept whole under ${property}.` });
  }
  const description = own(body, 'description');
  if (isRecord(schema) && typeof description === 'string' && description.trim() !== '' && schema.description === undefined) schema.description = description.trim();
  setOwn(properties, property, schema);
  if (bodyRequired) required.push(property);
}

/** Whether an object body's properties can stand beside the parameters and mean the same. */
function spreadable(schema: Record<string, unknown>, bodyRequired: boolean): boolean {
  const isObject = schema.type === 'object' || (schema.type === undefined && isRecord(schema.properties));
  if (!isObject || !isRecord(schema.properties) || !Object.keys(schema).every((key) => SPREADABLE.has(key))) return false;
  // An optional body's required properties are required only when the body is sent: keep it whole.
  return bodyRequired || !Array.isArray(schema.required) || schema.required.length === 0;
}

/** The change with its path moved from one place in the tool to another (`from` and below). */
function moved(change: FormatChange, from: string, to: string): FormatChange {
  const { path } = change;
  if (path === undefined || !(path === from || path.startsWith(`${from}.`) || path.startsWith(`${from}[`))) return change;
  return { ...change, path: to + path.slice(from.length) };
}
