/**
 * The store under test: a fake /api/v1/chat/completions whose every call waits until the test answers
 * or aborts it, a lint that only parses, and fixed clocks and ids, so a test drives a conversation
 * step by step without React, timers or a network.
 */
import { DEFAULT_SCENARIO, cloneScenario, type Scenario } from '@/lib/scenario/base';
import type { ToolsLint } from '@/lib/tools/lint';
import type { ChatCompletionChunk, ChatRequest } from '@/lib/wire/chat';
import type { StreamOptions, StreamResult } from '@/lib/wire/chat-client';
import { createPlaygroundStore, type PlaygroundDeps, type PlaygroundStore } from '../playground-store';

type Delta = ChatCompletionChunk['choices'][0]['delta'];
type Finish = ChatCompletionChunk['choices'][0]['finish_reason'];

/** One call the fake server holds: what was sent, and how the test answers it. */
export interface HeldCall {
  body: ChatRequest;
  options: StreamOptions;
  chunk: (delta: Delta, finish?: Finish) => void;
  /** Ends the stream (done, or the given failure). */
  finish: (result?: StreamResult) => void;
  /** Streams the text and ends. */
  text: (content: string) => void;
  /** Streams one get_current_weather call per city and ends. */
  tools: (cities: string[]) => void;
  /** Streams the deltas and ends, as a call of tools when one of them has some. */
  reply: (...deltas: Delta[]) => void;
}

export function fakeChatServer() {
  const calls: HeldCall[] = [];
  const streamChat = (body: ChatRequest, options: StreamOptions) =>
    new Promise<StreamResult>((resolve) => {
      options.signal?.addEventListener('abort', () => resolve({ status: null, kind: 'aborted', message: 'Stopped.' }));
      const chunk = (delta: Delta, finish: Finish = null) =>
        options.onChunk?.({ id: 'x', object: 'chat.completion.chunk', created: 1, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] });
      const n = calls.length + 1;
      calls.push({
        body,
        options,
        chunk,
        finish: (result = { status: 'done' }) => resolve(result),
        text: (content) => {
          chunk({ content }, 'stop');
          resolve({ status: 'done' });
        },
        tools: (cities) => {
          cities.forEach((city, index) =>
            chunk({ tool_calls: [{ index, id: `call_${n}_${index}`, type: 'function', function: { name: 'get_current_weather', arguments: JSON.stringify({ location: city }) } }] }),
          );
          chunk({}, 'tool_calls');
          resolve({ status: 'done' });
        },
        reply: (...deltas) => {
          for (const delta of deltas) chunk(delta);
          chunk({}, deltas.some((delta) => delta.tool_calls) ? 'tool_calls' : 'stop');
          resolve({ status: 'done' });
        },
      });
    });
  return { calls, streamChat };
}

/** Parses the tools text; a syntax error is one problem, as the real lint reports it. */
export function lintByParsing(text: string): ToolsLint {
  try {
    return { tools: JSON.parse(text), problems: [], errorCount: 0 };
  } catch {
    return { tools: null, problems: [{ severity: 'error', message: 'JSON syntax', startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 2 }], errorCount: 1 };
  }
}

let ids = 0;
/** Request ids count r1, r2, … across the stores of a test (a reopened store goes on counting); each test starts again. */
export function resetTestRequestIds(): void {
  ids = 0;
}

export function makeTestStore(scenario: Scenario = cloneScenario(DEFAULT_SCENARIO), overrides: Partial<PlaygroundDeps> = {}): { store: PlaygroundStore; server: ReturnType<typeof fakeChatServer> } {
  const server = fakeChatServer();
  const store = createPlaygroundStore(scenario, {
    runMock: async () => ({ ok: false, error: 'no mocks here' }),
    streamChat: server.streamChat,
    lintNow: lintByParsing,
    lint: async (text) => lintByParsing(text),
    now: () => 1_000,
    newRequestId: () => `r${++ids}`,
    lintDelayMs: 10,
    ...overrides,
  });
  return { store, server };
}

/** The weather loop for Oslo, finished: the question, one call, its result and the answer. */
export function osloConversation(): Scenario {
  return {
    ...cloneScenario(DEFAULT_SCENARIO),
    messages: [
      { role: 'user', content: 'Weather in Oslo?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_current_weather', arguments: '{"location":"Oslo"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '{"temperature": 3}' },
      { role: 'assistant', content: '3 degrees.' },
    ],
  };
}

/** Lets the store's promise callbacks run. */
export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
