/**
 * Reading the conversation as the Chat Completions API does: the checks OpenAI makes on tool messages
 * and tool_choice (failing them is a 400, as upstream), and what the next assistant turn answers — the
 * latest user message, or the tool results for the last assistant turn's calls.
 */
import { contentText, type ChatMessage, type ChatRequest, type ToolCall } from '@/lib/wire/chat';

/** A request the real API would refuse with 400; `param` names the field, as OpenAI's errors do. */
export class SimulatorRequestError extends Error {
  readonly param: string | null;
  constructor(message: string, param: string | null) {
    super(message);
    this.name = 'SimulatorRequestError';
    this.param = param;
  }
}

/**
 * What the next assistant turn answers: the latest user message, or the results of the calls made since
 * it (`calls`: every call of the round, across turns when parallel calls are off; `results` by call id).
 */
export type Turn =
  | { kind: 'ask'; text: string }
  | { kind: 'results'; calls: ToolCall[]; results: Map<string, string>; text: string };

export function checkRequest(request: ChatRequest): void {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if ((choice === 'required' || typeof choice === 'object') && tools.length === 0) {
    throw new SimulatorRequestError(
      "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
      'tool_choice',
    );
  }
  if (typeof choice === 'object' && !tools.some((tool) => tool.function.name === choice.function.name)) {
    throw new SimulatorRequestError(
      `Invalid value for 'tool_choice': the function '${choice.function.name}' is not one of the tools in 'tools'.`,
      'tool_choice',
    );
  }
  checkToolMessages(request.messages);
}

function checkToolMessages(messages: readonly ChatMessage[]): void {
  let pending = new Set<string>();
  let pendingFrom = -1;
  messages.forEach((message, index) => {
    if (message.role === 'tool') {
      if (!pending.has(message.tool_call_id)) {
        throw new SimulatorRequestError(
          `Invalid parameter: messages with role 'tool' must be a response to a preceding message with 'tool_calls' (no pending call has id '${message.tool_call_id}').`,
          `messages.${index}.tool_call_id`,
        );
      }
      pending.delete(message.tool_call_id);
      return;
    }
    if (pending.size) throw missingResults(pending, pendingFrom);
    if (message.role === 'assistant' && message.tool_calls?.length) {
      pending = new Set(message.tool_calls.map((call) => call.id));
      pendingFrom = index;
    }
  });
  if (pending.size) throw missingResults(pending, pendingFrom);
}

function missingResults(pending: Set<string>, index: number): SimulatorRequestError {
  return new SimulatorRequestError(
    `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`,
    `messages.${index}.tool_calls`,
  );
}

/** What the reply answers. Assumes `checkRequest` passed. */
export function currentTurn(messages: readonly ChatMessage[]): Turn {
  const text = latestUserText(messages);
  const last = messages[messages.length - 1];
  if (last?.role !== 'tool') return { kind: 'ask', text };
  let start = messages.length - 1;
  while (start > 0 && messages[start - 1].role !== 'user') start--;
  const calls: ToolCall[] = [];
  const results = new Map<string, string>();
  for (const message of messages.slice(start)) {
    if (message.role === 'assistant') calls.push(...(message.tool_calls ?? []));
    if (message.role === 'tool') results.set(message.tool_call_id, contentText(message.content));
  }
  return { kind: 'results', calls, results, text };
}

function latestUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role === 'user') return contentText(message.content);
  }
  return '';
}
