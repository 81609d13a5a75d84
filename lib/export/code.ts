/**
 * "Export": a scenario as a runnable program for the whole function-calling loop against the AI/ML API —
 * call the model with the tools, run each function it calls (stubs returning the playground's recorded or
 * mock results), send the results back, repeat until it answers. Python follows the guide's example.
 *
 * A finished conversation is exported as a replay: the program starts from the last user message and its
 * stubs answer with the results recorded in the playground, so a teammate can see whether a real model
 * takes the same path. A typed but unsent message is exported as the next user turn instead.
 *
 * A scenario may come from anyone (a share link, a file), so every string of it reaches the code through
 * ./literals.ts only, escaped for its place; nothing here writes scenario text any other way.
 */
import type { ChatMessage as Message, ResponseFormat, Tool, ToolChoice } from '@/lib/wire/chat';
import { contentText } from '@/lib/wire/chat-constants';
import { isSimulatorModel } from '@/lib/wire/models';
import type { Scenario } from '@/lib/scenario/base';
import { curlCommand, EXPORT_BASE_URL, EXPORT_KEY_ENV } from './curl';
import { comment, js, oneLine, py, pyString, quoted } from './literals';
import { curlMockLines, pythonMocks, typescriptMocks, type MockPlan } from './mock-code';

export type ExportLanguage = 'python' | 'typescript' | 'curl';
export { EXPORT_BASE_URL, EXPORT_KEY_ENV };
/** Stands in for the offline simulator, which exists only inside the playground. */
export const SIMULATOR_STAND_IN = 'gpt-4o';
const MAX_ROUNDS = 8;

export interface ExportPlan {
  title: string;
  model: string;
  simulatorNote: boolean;
  tools: Tool[];
  /** Sent with the first call: the system prompt and the conversation up to the last user turn. */
  history: Message[];
  /** Recorded rounds after it (assistant tool_calls + their tool results), complete rounds only. */
  rounds: Message[][];
  lastAnswer: string | null;
  recorded: Array<{ name: string; args: unknown; result: string }>;
  mocks: MockPlan[];
  /** Request options beyond model/messages/tools: only those the scenario sets. */
  options: { tool_choice?: ToolChoice; parallel_tool_calls?: boolean; temperature?: number; max_tokens?: number; response_format?: ResponseFormat };
  /** tool_choice 'required' or a named function would force a call every round: later rounds use 'auto'. */
  forced: boolean;
}

/** Invalid JSON arguments become null (None), as in the generated programs. */
function parseArgs(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The longest prefix that leaves no tool call unanswered (the API refuses a request that does). */
function completePrefix(messages: Message[]): Message[] {
  const pending = new Set<string>();
  let end = 0;
  messages.forEach((message, index) => {
    if (message.role === 'assistant') message.tool_calls?.forEach((call) => pending.add(call.id));
    if (message.role === 'tool') pending.delete(message.tool_call_id);
    if (pending.size === 0) end = index + 1;
  });
  return messages.slice(0, end);
}

function splitRounds(tail: Message[]): Message[][] {
  const rounds: Message[][] = [];
  for (const [i, message] of tail.entries()) {
    if (message.role !== 'assistant' || !message.tool_calls?.length) continue;
    const ids = new Set(message.tool_calls.map((call) => call.id));
    const results = tail.slice(i + 1).filter((m) => m.role === 'tool' && ids.delete(m.tool_call_id));
    if (ids.size > 0) break; // a call without a result: the replay stops before it
    rounds.push([message, ...results]);
  }
  return rounds;
}

/** Every recorded result with its function and arguments, first of each pair, for the stubs. */
function recordedResults(messages: Message[]): ExportPlan['recorded'] {
  const calls = new Map<string, { name: string; args: unknown }>();
  const recorded = new Map<string, ExportPlan['recorded'][number]>();
  for (const message of messages) {
    if (message.role === 'assistant') {
      message.tool_calls?.forEach((c) => calls.set(c.id, { name: c.function.name, args: parseArgs(c.function.arguments) }));
    }
    const call = message.role === 'tool' ? calls.get(message.tool_call_id) : undefined;
    const key = JSON.stringify([call?.name, call?.args]);
    if (call && message.role === 'tool' && !recorded.has(key)) recorded.set(key, { ...call, result: contentText(message.content) });
  }
  return [...recorded.values()];
}

/** Each mock, with the results its function gave in the conversation: answered, then typed but not yet sent. */
function mockPlans(s: Scenario): MockPlan[] {
  const names = new Map<string, string>();
  const given = new Map<string, string[]>();
  const add = (id: string, result: string) => {
    const name = names.get(id);
    if (name !== undefined) given.set(name, [...(given.get(name) ?? []), result]);
  };
  for (const message of s.messages) {
    if (message.role === 'assistant') message.tool_calls?.forEach((call) => names.set(call.id, call.function.name));
    if (message.role === 'tool') add(message.tool_call_id, contentText(message.content));
  }
  for (const [id, result] of Object.entries(s.results)) add(id, result);
  return Object.entries(s.mocks).map(([name, mock]) => ({ name, mock, given: given.get(name) ?? [] }));
}

export function planExport(s: Scenario): ExportPlan {
  const system: Message[] = s.system ? [{ role: 'system', content: s.system }] : [];
  const lastUser = s.messages.map((m) => m.role).lastIndexOf('user');
  const draft: Message[] = s.draft.trim() ? [{ role: 'user', content: s.draft }] : [];
  const replay = draft.length === 0 && lastUser >= 0;
  const history = replay ? [...system, ...s.messages.slice(0, lastUser + 1)] : [...system, ...completePrefix(s.messages), ...draft];
  const tail = replay ? s.messages.slice(lastUser + 1) : [];
  const last = tail[tail.length - 1];
  const hasTools = s.tools.length > 0;
  const options: ExportPlan['options'] = {};
  if (hasTools) options.tool_choice = s.tool_choice;
  if (hasTools && !s.parallel_tool_calls) options.parallel_tool_calls = false;
  if (s.temperature !== null) options.temperature = s.temperature;
  if (s.max_tokens !== null) options.max_tokens = s.max_tokens;
  if (s.response_format) options.response_format = s.response_format;
  const simulatorNote = isSimulatorModel(s.model);
  return {
    title: oneLine(s.name) || 'Untitled scenario',
    model: simulatorNote ? SIMULATOR_STAND_IN : s.model,
    simulatorNote,
    tools: s.tools,
    history,
    rounds: splitRounds(tail),
    lastAnswer: last?.role === 'assistant' && !last.tool_calls?.length ? contentText(last.content) || null : null,
    recorded: recordedResults(s.messages),
    mocks: mockPlans(s),
    options,
    forced: hasTools && s.tool_choice !== 'auto' && s.tool_choice !== 'none',
  };
}

const SIMULATOR_NOTE = `The scenario used the playground's offline simulator, which runs inside the app only; ${SIMULATOR_STAND_IN} stands in for it.`;
const STUB_NOTE =
  'Stand-in for your real functions: returns the result recorded in the playground for the same\n' +
  "arguments, else the function's mock's. Replace it with calls to your own code.";

/**
 * The first lines hold no scenario text: Python reads a source encoding from a comment in its first two
 * lines (`coding: utf-7` would turn `+ACI-` inside a string into a closing quote).
 */
function header(plan: ExportPlan, prefix: string, language: string, run: string): string {
  return [
    `${prefix} A Function Calling Playground scenario, exported as ${language}.`,
    `${prefix} Runs the whole function-calling loop against the AI/ML API: call the model with the tools, run`,
    `${prefix} each function it calls, send the results back, and repeat until it answers.`,
    `${prefix} Scenario: "${plan.title}"`,
    `${prefix} Run: ${run}`,
  ].join('\n');
}

function lastAnswerNote(plan: ExportPlan, prefix: string): string {
  if (plan.lastAnswer === null) return '';
  return `\n${prefix} In the playground, the model answered:\n${comment(`${prefix}  `, plan.lastAnswer)}\n`;
}

function python(plan: ExportPlan): string {
  const kwargs = ['model=MODEL', 'messages=messages', ...(plan.tools.length ? ['tools=tools'] : [])];
  for (const [key, value] of Object.entries(plan.options)) {
    const forced = key === 'tool_choice' && plan.forced ? ' if round_number == 1 else "auto"' : '';
    kwargs.push(`${key}=${py(value, null)}${forced}`);
  }
  const recorded = plan.recorded.map((r) => `\n    (${py(r.name)}, ${py(r.args, null)}, ${py(r.result)}),`);
  return `${header(plan, '#', 'Python', `pip install openai && ${EXPORT_KEY_ENV}=... python scenario.py`)}
import json
import os
import unicodedata

import openai

client = openai.OpenAI(
    base_url=${quoted(EXPORT_BASE_URL)},
    api_key=os.environ[${quoted(EXPORT_KEY_ENV)}],
)

${plan.simulatorNote ? `# ${SIMULATOR_NOTE}\n` : ''}MODEL = ${pyString(plan.model)}

tools = ${py(plan.tools)}

messages = ${py(plan.history)}

# (function, arguments, result) recorded in the playground.
RECORDED_RESULTS = [${recorded.join('')}${recorded.length ? '\n' : ''}]

${pythonMocks(plan.mocks)}


def run_function(name, arguments):
${comment('    #', STUB_NOTE)}
    for recorded_name, recorded_arguments, result in RECORDED_RESULTS:
        if recorded_name == name and recorded_arguments == arguments:
            return result
    if name in MOCKS:
        return MOCKS[name](arguments)
    return json.dumps({"error": f"no function named {name}"})

${lastAnswerNote(plan, '#')}
for round_number in range(1, ${MAX_ROUNDS + 1}):
    response = client.chat.completions.create(
${kwargs.map((arg) => `        ${arg},`).join('\n')}
    )
    message = response.choices[0].message
    if not message.tool_calls:
        print(message.content)
        break
    messages.append({
        "role": "assistant",
        "content": message.content,
        "tool_calls": [tool_call.model_dump() for tool_call in message.tool_calls],
    })
    for tool_call in message.tool_calls:
        try:
            arguments = json.loads(tool_call.function.arguments)
        except json.JSONDecodeError:
            arguments = None  # The model may write invalid JSON or invent parameters: check before acting.
        result = run_function(tool_call.function.name, arguments)
        print(f"{tool_call.function.name}({tool_call.function.arguments}) -> {result}")
        messages.append({"role": "tool", "tool_call_id": tool_call.id, "content": result})
else:
    print("Stopped: the model was still calling tools after ${MAX_ROUNDS} rounds.")
`;
}

function typescript(plan: ExportPlan): string {
  const request = ['model', 'messages', ...(plan.tools.length ? ['tools'] : [])];
  for (const [key, value] of Object.entries(plan.options)) {
    const forced = key === 'tool_choice' && plan.forced ? ` round === 1 ? ${js(value, '    ')} : 'auto'` : '';
    request.push(`${key}:${forced || ` ${js(value, '    ')}`}`);
  }
  const recorded = plan.recorded.map((r) => `\n  [${quoted(r.name)}, ${js(r.args, null)}, ${quoted(r.result)}],`);
  return `${header(plan, '//', 'TypeScript (ES module)', `npm install openai && ${EXPORT_KEY_ENV}=... npx tsx scenario.mts`)}
import OpenAI from 'openai';
import { isDeepStrictEqual } from 'node:util';

const client = new OpenAI({
  baseURL: ${quoted(EXPORT_BASE_URL)},
  apiKey: process.env.${EXPORT_KEY_ENV},
});

${plan.simulatorNote ? `// ${SIMULATOR_NOTE}\n` : ''}const model = ${quoted(plan.model)};

const tools: OpenAI.Chat.ChatCompletionTool[] = ${js(plan.tools)};

const messages: OpenAI.Chat.ChatCompletionMessageParam[] = ${js(plan.history)};

// [function, arguments, result] recorded in the playground.
const recordedResults: Array<[string, unknown, string]> = [${recorded.join('')}${recorded.length ? '\n' : ''}];

${typescriptMocks(plan.mocks)}

${comment('//', STUB_NOTE)}
async function runFunction(name: string, args: unknown, call: { id: string; name: string; arguments: string }): Promise<string> {
  const recorded = recordedResults.find(([n, a]) => n === name && isDeepStrictEqual(a, args));
  if (recorded) return recorded[2];
  // A Map, not an object: a model may call \`constructor\` or \`toString\`, which every object has.
  const mock = mocks.get(name);
  if (!mock) return JSON.stringify({ error: \`no function named \${name}\` });
  const result = await mock(args, call);
  return typeof result === 'string' ? result : JSON.stringify(result);
}
${lastAnswerNote(plan, '//')}
let answered = false;
for (let round = 1; round <= ${MAX_ROUNDS} && !answered; round++) {
  const response = await client.chat.completions.create({
${request.map((line) => `    ${line},`).join('\n')}
  });
  const message = response.choices[0].message;
  answered = !message.tool_calls?.length;
  if (answered) console.log(message.content);
  messages.push({ role: 'assistant', content: message.content, tool_calls: message.tool_calls });
  for (const toolCall of message.tool_calls ?? []) {
    if (toolCall.type !== 'function') continue;
    let args: unknown = null;
    try {
      args = JSON.parse(toolCall.function.arguments);
    } catch {
      // The model may write invalid JSON or invent parameters: check before acting.
    }
    const result = await runFunction(toolCall.function.name, args, { id: toolCall.id, ...toolCall.function });
    console.log(\`\${toolCall.function.name}(\${toolCall.function.arguments}) -> \${result}\`);
    messages.push({ role: 'tool', tool_call_id: toolCall.id, content: result });
  }
}
if (!answered) console.log('Stopped: the model was still calling tools after ${MAX_ROUNDS} rounds.');
`;
}

function curlRequest(plan: ExportPlan, messages: Message[], later: boolean): string {
  const body: Record<string, unknown> = { model: plan.model, messages };
  if (plan.tools.length) body.tools = plan.tools;
  Object.assign(body, plan.options, later && plan.forced ? { tool_choice: 'auto' } : {});
  return `${curlCommand(body, { url: '"$BASE_URL/chat/completions"', withKey: true })}\necho`;
}

function curl(plan: ExportPlan): string {
  const parts = [
    `#!/usr/bin/env bash\n${header(plan, '#', 'a curl script', `${EXPORT_KEY_ENV}=... bash scenario.sh`)}\nset -euo pipefail\n: "\${${EXPORT_KEY_ENV}:?Set ${EXPORT_KEY_ENV} to your AI/ML API key}"`,
    `BASE_URL=${quoted(EXPORT_BASE_URL)}${plan.simulatorNote ? `\n# ${SIMULATOR_NOTE}` : ''}`,
    `# Call 1: the conversation and the tool definitions. The reply's choices[0].message may hold tool_calls.\n${curlRequest(plan, plan.history, false)}`,
  ];
  let sent = plan.history;
  plan.rounds.forEach((round, index) => {
    sent = [...sent, ...round];
    const what = "the same conversation plus the assistant's tool_calls and one tool message per call, as recorded in the playground";
    parts.push(`# Call ${index + 2}: ${what}.\n${curlRequest(plan, sent, true)}`);
  });
  if (plan.rounds.length === 0) {
    const mocks = curlMockLines(plan.mocks).map((line) => `\n${line}`);
    parts.push(
      '# No tool results were recorded in the playground, so there is no second call yet. If the reply has\n' +
        "# tool_calls, run each function, then send this request again with the reply's assistant message and\n" +
        '# one {"role": "tool", "tool_call_id": <the call\'s id>, "content": <the result>} message per call appended.' +
        (mocks.length ? `\n# The scenario's mocks:${mocks.join('')}` : ''),
    );
  }
  return `${parts.join('\n\n')}\n${lastAnswerNote(plan, '#')}`;
}

/** The scenario as a program: Python (openai SDK, like the guide), TypeScript (openai, ESM) or curl. */
export function exportCode(s: Scenario, language: ExportLanguage): string {
  const plan = planExport(s);
  if (language === 'python') return python(plan);
  if (language === 'typescript') return typescript(plan);
  return curl(plan);
}
