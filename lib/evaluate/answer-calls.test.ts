import { describe, expect, it } from 'vitest';
import type { ToolCall } from '@/lib/wire/chat';
import { answerCall, CaseError, type RunTool } from './answer-calls';

const call = (name: string, args: object = {}): ToolCall => ({ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } });
const signal = new AbortController().signal;
const mocks = { echo: { kind: 'fixed' as const, result: 'from the mock' } };

describe('answerCall with a tool runner (Evaluate: MCP tools on their servers)', () => {
  it('answers with the run where the runner runs the function, and with the mock where it does not', async () => {
    const seen: string[] = [];
    const runTool: RunTool = (toolCall) => {
      seen.push(toolCall.function.arguments);
      return toolCall.function.name === 'echo' ? Promise.resolve('Echo: hi') : null;
    };
    expect(await answerCall(mocks, call('echo', { message: 'hi' }), undefined, signal, runTool)).toBe('Echo: hi');
    expect(seen).toEqual(['{"message":"hi"}']);
    expect(await answerCall({ other: { kind: 'fixed', result: 'mocked' } }, call('other'), undefined, signal, runTool)).toBe('mocked');
  });

  it('a failed run fails the case with its reason; no runner is the mock as before', async () => {
    const failing: RunTool = () => Promise.reject(new CaseError('echo could not run on its MCP server: Timed out'));
    await expect(answerCall(mocks, call('echo'), undefined, signal, failing)).rejects.toThrow('Timed out');
    expect(await answerCall(mocks, call('echo'), undefined, signal)).toBe('from the mock');
  });
});
