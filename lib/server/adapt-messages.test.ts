import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest } from '@/lib/wire/chat';
import { anthropicToolResultOrder, deepseekReasoning, mistralToolCallIds } from './adapt-messages';

const call = (id: string, name = 'get_weather') => ({ id, type: 'function' as const, function: { name, arguments: '{}' } });
const ask = (model: string, messages: ChatMessage[], over: Partial<ChatRequest> = {}): ChatRequest => ({ model, messages, ...over });
const user = (content: string): ChatMessage => ({ role: 'user', content });
const calls = (...ids: string[]): ChatMessage => ({ role: 'assistant', content: null, tool_calls: ids.map((id) => call(id)) });
const result = (id: string, content = 'ok'): ChatMessage => ({ role: 'tool', tool_call_id: id, content });

const MISTRAL_ID = /^[a-zA-Z0-9]{9}$/;

describe('mistralToolCallIds', () => {
  // Prevents: 400 "Tool call id was call_PTLP8xhu3uwZk4l3nlnrrJha but must be a-z, A-Z, 0-9, with a length of 9."
  const conversation = [user('Weather in Oslo and Bergen?'), calls('call_PTLP8xhu3uwZk4l3nlnrrJha', 'call_2'), result('call_PTLP8xhu3uwZk4l3nlnrrJha', '12 °C'), result('call_2', '9 °C')];

  it('rewrites every id to 9 letters and digits, in the calls and their results alike', () => {
    const out = mistralToolCallIds.apply(ask('mistral-large-latest', conversation));
    expect(out).not.toBeNull();
    const [, assistant, first, second] = out!.request.messages;
    const ids = assistant.role === 'assistant' ? assistant.tool_calls!.map((c) => c.id) : [];
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(MISTRAL_ID);
    expect(new Set(ids).size).toBe(2);
    expect(first.role === 'tool' && first.tool_call_id).toBe(ids[0]);
    expect(second.role === 'tool' && second.tool_call_id).toBe(ids[1]);
    expect(out!.message).toContain('call_PTLP8xhu3uwZk4l3nlnrrJha → ');
    expect(out!.message).toContain('2 tool call ids');
  });

  it('is deterministic: the same request gets the same ids every time', () => {
    const a = mistralToolCallIds.apply(ask('mistral-large-latest', conversation));
    const b = mistralToolCallIds.apply(ask('mistral-large-latest', structuredClone(conversation)));
    expect(a).toEqual(b);
  });

  it('keeps ids Mistral already accepts, and never reuses one of them', () => {
    expect(mistralToolCallIds.apply(ask('mistral-small', [user('x'), calls('aB3dE5fG1'), result('aB3dE5fG1')]))).toBeNull();
    const out = mistralToolCallIds.apply(ask('mistral-small', [user('x'), calls('aB3dE5fG1', 'call_x'), result('aB3dE5fG1'), result('call_x')]));
    const assistant = out!.request.messages[1];
    const ids = assistant.role === 'assistant' ? assistant.tool_calls!.map((c) => c.id) : [];
    expect(ids[0]).toBe('aB3dE5fG1');
    expect(ids[1]).toMatch(MISTRAL_ID);
    expect(ids[1]).not.toBe('aB3dE5fG1');
  });

  it('gives many ids distinct rewrites', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `call_${i}`);
    const out = mistralToolCallIds.apply(ask('mistral-large-latest', [user('x'), calls(...ids), ...ids.map((id) => result(id))]));
    const assistant = out!.request.messages[1];
    const sent = assistant.role === 'assistant' ? assistant.tool_calls!.map((c) => c.id) : [];
    expect(new Set(sent).size).toBe(200);
    expect(out!.message).toMatch(/and 197 more/);
  });
});

describe('anthropicToolResultOrder', () => {
  // Prevents: 400 "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01…"
  it('moves a tool result up to directly follow its call, keeping the results in order', () => {
    const asked = [user('Weather?'), calls('toolu_1', 'toolu_2'), result('toolu_1', 'a'), user('Also Bergen'), result('toolu_2', 'b')];
    const out = anthropicToolResultOrder.apply(ask('claude-3-5-sonnet-20241022', asked));
    expect(out!.request.messages).toEqual([asked[0], asked[1], asked[2], asked[4], asked[3]]);
    expect(out!.message).toContain('1 tool result (toolu_2)');
    expect(out!.message).toContain('moved up');
  });

  it('moves results that came after a user message, in their own order', () => {
    const asked = [user('Weather?'), calls('a', 'b'), user('Hurry'), result('b', 'B'), result('a', 'A')];
    const out = anthropicToolResultOrder.apply(ask('claude-3-haiku-20240307', asked));
    expect(out!.request.messages).toEqual([asked[0], asked[1], asked[3], asked[4], asked[2]]);
  });

  it('leaves a conversation already in order alone', () => {
    const asked = [user('Weather?'), calls('a', 'b'), result('a'), result('b'), { role: 'assistant', content: 'Done.' } as ChatMessage, user('Again'), calls('a'), result('a')];
    expect(anthropicToolResultOrder.apply(ask('claude-3-opus-20240229', asked))).toBeNull();
  });

  it('does not take a later turn’s result for an earlier call with the same id', () => {
    const asked = [user('1'), calls('a'), user('2'), calls('a'), result('a')];
    expect(anthropicToolResultOrder.apply(ask('claude-3-opus-20240229', asked))).toBeNull();
  });
});

describe('deepseekReasoning', () => {
  const thought = (content: string, reasoning: string, ids: string[] = []): ChatMessage => ({
    role: 'assistant',
    content,
    reasoning_content: reasoning,
    ...(ids.length ? { tool_calls: ids.map((id) => call(id)) } : {}),
  });

  // Prevents: 400 "Missing `reasoning_content` field in the assistant message at message index 2" (thinking mode with tools).
  it('keeps reasoning_content in turns that called a tool and drops it from turns that did not', () => {
    const asked = [user('9.11 or 9.8?'), thought('9.8', 'compare decimals'), user('Weather?'), thought('', 'need the tool', ['c1']), result('c1', 'rain'), thought('Rain.', 'it rains')];
    const out = deepseekReasoning.apply(ask('deepseek-reasoner', asked));
    const sent = out!.request.messages;
    expect(sent[1]).toEqual({ role: 'assistant', content: '9.8' });
    expect(sent[3]).toEqual(asked[3]);
    expect(sent[5]).toEqual(asked[5]);
    expect(out!.message).toContain('1 assistant message of turns without a tool call');
  });

  it('keeps it in an earlier turn that called a tool, as the V4 docs ask', () => {
    const asked = [user('Weather?'), thought('', 'call it', ['c1']), result('c1', 'rain'), thought('Rain.', 'done'), user('Thanks')];
    expect(deepseekReasoning.apply(ask('deepseek/deepseek-chat-v3.2', asked))).toBeNull();
  });

  // Prevents: 400 from deepseek-reasoner before V3.2 when an input message carries reasoning_content.
  it('drops it everywhere for DeepSeek-R1', () => {
    const asked = [user('Weather?'), thought('', 'call it', ['c1']), result('c1', 'rain'), thought('Rain.', 'done')];
    const out = deepseekReasoning.apply(ask('deepseek/deepseek-r1', asked));
    expect(out!.request.messages.some((m) => 'reasoning_content' in m)).toBe(false);
    expect(out!.message).toContain('DeepSeek-R1, before V3.2');
  });

  it('changes nothing when no message carries reasoning', () => {
    expect(deepseekReasoning.apply(ask('deepseek-reasoner', [user('hi'), { role: 'assistant', content: 'hello' }, user('again')]))).toBeNull();
  });
});
