/**
 * A scenario file whose keys include `__proto__` wherever a scenario keys data by a name or an id: a tool
 * (and its mock and result schema) named `__proto__` — a valid function name — a JSON Schema property and an unknown
 * top-level keyword of that name, a tool call with that id and its typed result. JSON.parse makes each an
 * own property; every way in (link, file, storage) must keep them all. Test-only.
 */
import { expect } from 'vitest';
import type { Scenario } from '@/lib/scenario/scenario';

export const PROTO_KEYS_JSON = `{
  "version": 2,
  "tools": [{"type": "function", "function": {"name": "__proto__", "parameters": {
    "__proto__": {"x-note": "an unknown keyword, kept as written"},
    "type": "object",
    "properties": {"__proto__": {"type": "string"}, "constructor": {"type": "number"}},
    "required": ["__proto__"]
  }}}],
  "mocks": {
    "__proto__": {"kind": "fixed", "result": "{\\"ok\\": true}"},
    "constructor": {"kind": "rules", "rules": [{"when": "{\\"__proto__\\": \\"x\\"}", "result": "{\\"made\\": 1}"}], "default": ""}
  },
  "result_schemas": {"__proto__": "{\\"type\\": \\"object\\"}"},
  "messages": [
    {"role": "user", "content": "Call it."},
    {"role": "assistant", "content": null, "tool_calls": [{"id": "__proto__", "type": "function", "function": {"name": "__proto__", "arguments": "{\\"__proto__\\": \\"x\\"}"}}]}
  ],
  "results": {"__proto__": "typed for the call whose id is __proto__"}
}`;

/** The parts of a scenario that hold such keys, as JSON text (JSON.stringify writes own `__proto__` keys). */
function keyed(s: Pick<Scenario, 'tools' | 'mocks' | 'result_schemas' | 'results' | 'messages'>): Record<string, string> {
  const { tools, mocks, result_schemas, results, messages } = s;
  return Object.fromEntries(Object.entries({ tools, mocks, result_schemas, results, messages }).map(([key, value]) => [key, JSON.stringify(value)]));
}

/** Every `__proto__` key of PROTO_KEYS_JSON is in `scenario`, as data: own properties, prototypes untouched. */
export function expectProtoKeysKept(scenario: Scenario): void {
  expect(keyed(scenario)).toEqual(keyed(JSON.parse(PROTO_KEYS_JSON)));
  for (const record of [scenario.mocks, scenario.result_schemas, scenario.results, scenario.tools[0].function.parameters!]) {
    expect(Object.hasOwn(record, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  }
}
