/**
 * Stand-ins the exported programs run against in the slow tests: a fake `openai` package for Python, a
 * scripted OpenAI-compatible upstream on loopback for TypeScript, and a fake `curl` for the script.
 * Each scripted model asks for the given tool calls on a user turn and answers once tool results come.
 * Test-only.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ChatMessage } from '@/lib/wire/chat';
import { EXPORT_BASE_URL } from '../code';

export type ScriptedCall = { name: string; args: string };

/** Just enough of the openai package for the exported Python: prints each request, answers from the calls in FAKE_CALLS_FILE. */
const FAKE_OPENAI_PY = `import json
import os
from types import SimpleNamespace as NS

with open(os.environ["FAKE_CALLS_FILE"], encoding="utf-8") as script:
    SCRIPT = json.load(script)


class ToolCall:
    def __init__(self, i, name, arguments):
        self.id = f"call_live{i}"
        self.type = "function"
        self.function = NS(name=name, arguments=arguments)

    def model_dump(self):
        return {"id": self.id, "type": "function", "function": vars(self.function)}


class Completions:
    def create(self, **request):
        print("REQUEST " + json.dumps(request))
        messages = request["messages"]
        if messages[-1]["role"] == "tool" or not SCRIPT:
            count = sum(1 for m in messages if m["role"] == "tool")
            message = NS(content=f"Answer from {count} results.", tool_calls=None)
        else:
            message = NS(content=None, tool_calls=[ToolCall(i, c["name"], c["args"]) for i, c in enumerate(SCRIPT)])
        return NS(choices=[NS(message=message)])


class OpenAI:
    def __init__(self, base_url, api_key):
        assert base_url == "${EXPORT_BASE_URL}" and api_key == "test-key"
        self.chat = NS(completions=Completions())
`;

/** Writes the fake package under `dir`; returns the PYTHONPATH that finds it (with FAKE_CALLS_FILE set). */
export function fakeOpenAiForPython(dir: string): string {
  const root = join(dir, 'fake-openai');
  mkdirSync(join(root, 'openai'), { recursive: true });
  writeFileSync(join(root, 'openai', '__init__.py'), FAKE_OPENAI_PY);
  return root;
}

/** Python's printed `REQUEST <json>` lines, parsed. */
export function printedRequests(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('REQUEST '))
    .map((line) => JSON.parse(line.slice('REQUEST '.length)));
}

function completion(message: Record<string, unknown>): string {
  return JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'gpt-4o', choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }] });
}

/** A scripted stand-in for the AI/ML API on 127.0.0.1. `calls` may be replaced between runs. */
export async function startScriptedUpstream() {
  const upstream = {
    baseUrl: '',
    requests: [] as Array<Record<string, unknown>>,
    calls: [] as ScriptedCall[],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8'); // decodes across chunk boundaries: a character may be split between two
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request = JSON.parse(body) as { messages: ChatMessage[] };
      upstream.requests.push({ ...request, authorization: req.headers.authorization });
      const last = request.messages[request.messages.length - 1];
      const calls = upstream.calls;
      const message =
        last.role === 'tool' || calls.length === 0
          ? { role: 'assistant', content: `Answer from ${request.messages.filter((m) => m.role === 'tool').length} results.` }
          : {
              role: 'assistant',
              content: null,
              tool_calls: calls.map((c, i) => ({ id: `call_live${i}`, type: 'function', function: { name: c.name, arguments: c.args } })),
            };
      res.setHeader('content-type', 'application/json');
      res.end(completion(message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return upstream;
}

/**
 * A `curl` for PATH: writes its arguments (one a line) and its standard input (the request body) to
 * `<log>/args-<n>.txt` and `<log>/body-<n>.json`, and prints a plain answer. Returns the folder to put first on PATH.
 */
export function fakeCurl(dir: string, log: string): string {
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin, { recursive: true });
  const file = join(bin, 'curl');
  writeFileSync(
    file,
    `#!/usr/bin/env bash
set -euo pipefail
log=${JSON.stringify(log)}
n=$(find "$log" -name 'body-*.json' | wc -l)
printf '%s\\n' "$@" > "$log/args-$n.txt"
cat > "$log/body-$n.json"
printf '%s' '${completion({ role: 'assistant', content: 'Answer from the fake curl.' })}'
`,
  );
  chmodSync(file, 0o755);
  return bin;
}
