/**
 * A test case's tool calls answered by the scenario's mocks (lib/mocks), so the case can run to its
 * final answer with nobody there: fixed results and rules as the page offers them, JavaScript mocks
 * through the runner the caller injects (the page's sandboxed worker). A call no mock can answer by
 * itself ("ask me", none, an empty fixed result, or JavaScript with no runner) makes the case an error
 * that says why.
 */
import { answerText, mockAnswer, parseArguments, type Mocks } from '@/lib/mocks/mock';
import type { ToolCall } from '@/lib/wire/chat';
import { own } from '@/lib/util/json';
import type { SandboxReply, SandboxRequest } from '@/lib/mocks/sandbox-worker';

/** Runs a JavaScript mock (the page: its sandboxed worker, lib/mocks/javascript-runner.ts). */
export type RunMock = (request: SandboxRequest, signal: AbortSignal) => Promise<SandboxReply>;

/**
 * Runs a call for real (Evaluate's "run MCP tools on their servers"): the text that goes back to the
 * model, or null when this function is not run that way (its mock answers).
 */
export type RunTool = (call: ToolCall, signal: AbortSignal) => Promise<string> | null;

/** A case that cannot run on: recorded as an error with this message. */
export class CaseError extends Error {}

export async function answerCall(mocks: Mocks, call: ToolCall, runMock: RunMock | undefined, signal: AbortSignal, runTool?: RunTool): Promise<string> {
  const ran = runTool?.(call, signal);
  if (ran) return ran;
  const name = call.function.name;
  const mock = own(mocks, name);
  if (mock?.kind === 'javascript') {
    if (!runMock) throw new CaseError(`The JavaScript mock of ${name} cannot run here: give ${name} a fixed or rules mock to run this case to its final answer`);
    const run = await runMock({ source: mock.source, args: parseArguments(call.function.arguments), call: { id: call.id, name, arguments: call.function.arguments } }, signal);
    if (!run.ok) throw new CaseError(`The JavaScript mock of ${name} failed: ${run.error}`);
    return run.result;
  }
  const answer = mockAnswer(mock, call.function.arguments);
  if (!answer) {
    const why = !mock ? 'has no mock' : mock.kind === 'ask' ? 'has an "ask me" mock, which needs a person' : 'has an empty fixed result';
    throw new CaseError(`${name} ${why}: this case runs to its final answer, so every function it calls needs a mock that answers by itself`);
  }
  return answerText(answer);
}
