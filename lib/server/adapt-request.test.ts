import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest, Tool } from '@/lib/wire/chat';
import { adaptRequest } from './adapt-request';
import { geminiParallelToolCalls, openaiMaxCompletionTokens, openaiReasoningParallelToolCalls, openaiReasoningSampling } from './adapt-params';

const tool: Tool = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } };
const ask = (model: string, over: Partial<ChatRequest> = {}): ChatRequest => ({ model, messages: [{ role: 'user', content: 'hi' }], ...over });
const withReasoning: ChatMessage[] = [
  { role: 'user', content: 'hi' },
  { role: 'assistant', content: 'hello', reasoning_content: 'greet back' },
  { role: 'user', content: 'again' },
];

describe('adaptRequest', () => {
  it('changes nothing for the offline simulators, whatever they are asked', () => {
    for (const model of ['offline-simulator', 'offline-simulator-careless']) {
      const request = ask(model, { parallel_tool_calls: false, messages: withReasoning });
      expect(adaptRequest(request)).toEqual({ request, adaptations: [] });
    }
  });

  it('changes nothing in a request the provider takes as it is', () => {
    const request = ask('gpt-4o', { tools: [tool], parallel_tool_calls: false, temperature: 0.2, max_tokens: 100 });
    expect(adaptRequest(request)).toEqual({ request, adaptations: [] });
  });

  it('names the provider and the rule, and says what was asked and what was sent', () => {
    const { request, adaptations } = adaptRequest(ask('mistral-large-latest', { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'call_1', content: 'ok' }] }));
    expect(adaptations).toEqual([{ provider: 'Mistral', rule: 'mistral-tool-call-ids', message: expect.stringMatching(/^Asked with 1 tool call id .*sent call_1 → [a-zA-Z0-9]{9}/) }]);
    expect(request.messages[2]).toMatchObject({ role: 'tool', tool_call_id: expect.stringMatching(/^[a-zA-Z0-9]{9}$/) });
  });

  it('runs the rules in turn, each on what the one before sent', () => {
    const { request, adaptations } = adaptRequest(ask('openai/o4-mini-2025-04-16', { parallel_tool_calls: true, max_tokens: 50, temperature: 0.3, messages: withReasoning }));
    expect(adaptations.map((a) => a.rule)).toEqual(['parallel-tool-calls-without-tools', 'openai-max-completion-tokens', 'openai-reasoning-sampling', 'reasoning-content-dropped']);
    expect(request).toEqual({ model: 'openai/o4-mini-2025-04-16', max_completion_tokens: 50, messages: [withReasoning[0], { role: 'assistant', content: 'hello' }, withReasoning[2]] });
    expect(adaptations.every((a) => a.provider === 'OpenAI')).toBe(true);
  });

  // Prevents: 400 "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified."
  it('sends parallel_tool_calls only with tools', () => {
    const { request, adaptations } = adaptRequest(ask('gpt-4o', { parallel_tool_calls: false, tools: [] }));
    expect(request).not.toHaveProperty('parallel_tool_calls');
    expect(adaptations[0].message).toContain('Asked parallel_tool_calls: false with no tools');
    expect(adaptRequest(ask('gpt-4o', { parallel_tool_calls: false, tools: [tool] })).adaptations).toEqual([]);
  });

  // Prevents: 400 "messages.2.assistant.reasoning_content: property 'messages.2.assistant.reasoning_content' is unsupported".
  it('drops reasoning_content on input messages for every provider but DeepSeek', () => {
    for (const model of ['gpt-4o', 'claude-3-haiku-20240307', 'gemini-1.5-pro', 'qwen-max', 'meta-llama/llama-4-scout', 'mistral-small']) {
      const { request, adaptations } = adaptRequest(ask(model, { messages: withReasoning }));
      expect(request.messages[1]).toEqual({ role: 'assistant', content: 'hello' });
      expect(adaptations.map((a) => a.rule)).toEqual(['reasoning-content-dropped']);
    }
    const deepseek = adaptRequest(ask('deepseek-reasoner', { messages: withReasoning }));
    expect(deepseek.adaptations.map((a) => a.rule)).toEqual(['deepseek-reasoning-content']);
  });

  it('is pure: the request asked is left as it was', () => {
    const asked = ask('openai/o4-mini-2025-04-16', { tools: [tool], parallel_tool_calls: true, max_tokens: 5, messages: structuredClone(withReasoning) });
    const copy = structuredClone(asked);
    adaptRequest(asked);
    expect(asked).toEqual(copy);
  });
});

describe('parameter rules', () => {
  // Prevents: 400 "Unsupported parameter: 'parallel_tool_calls' is not supported with this model." (o3-mini, o4-mini)
  it('drops parallel_tool_calls for o-series models, not for GPT models', () => {
    const out = openaiReasoningParallelToolCalls.apply(ask('o3-mini', { tools: [tool], parallel_tool_calls: false }));
    expect(out!.request).not.toHaveProperty('parallel_tool_calls');
    expect(out!.message).toContain('Asked parallel_tool_calls: false; sent none');
    expect(openaiReasoningParallelToolCalls.apply(ask('gpt-4.1', { tools: [tool], parallel_tool_calls: false }))).toBeNull();
    expect(openaiReasoningParallelToolCalls.apply(ask('gpt-4o-mini', { tools: [tool], parallel_tool_calls: false }))).toBeNull();
  });

  // Prevents: 400 "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
  it('sends max_completion_tokens instead of max_tokens to o-series and GPT-5 models', () => {
    expect(openaiMaxCompletionTokens.apply(ask('o1', { max_tokens: 200 }))!.request).toEqual({ ...ask('o1'), max_completion_tokens: 200 });
    expect(openaiMaxCompletionTokens.apply(ask('openai/gpt-5-mini', { max_tokens: 200 }))!.request.max_completion_tokens).toBe(200);
    const both = openaiMaxCompletionTokens.apply(ask('o3', { max_tokens: 200, max_completion_tokens: 300 }));
    expect(both!.request).toEqual({ ...ask('o3'), max_completion_tokens: 300 });
    expect(both!.message).toContain('sent only max_completion_tokens');
    expect(openaiMaxCompletionTokens.apply(ask('gpt-4o', { max_tokens: 200 }))).toBeNull();
  });

  // Prevents: 400 "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported."
  it('drops temperature and top_p for o-series models', () => {
    const out = openaiReasoningSampling.apply(ask('o4-mini', { temperature: 0.2, top_p: 0.9 }));
    expect(out!.request).toEqual(ask('o4-mini'));
    expect(out!.message).toContain('Asked temperature: 0.2, top_p: 0.9; sent without them');
    expect(openaiReasoningSampling.apply(ask('gpt-4o', { temperature: 0.2 }))).toBeNull();
    expect(openaiReasoningSampling.apply(ask('o4-mini'))).toBeNull();
  });

  // Prevents: 400 "Invalid JSON payload received. Unknown name \"parallel_tool_calls\": Cannot find field."
  it('drops parallel_tool_calls for Gemini', () => {
    const out = geminiParallelToolCalls.apply(ask('google/gemini-2.5-flash-preview', { tools: [tool], parallel_tool_calls: true }));
    expect(out!.request).not.toHaveProperty('parallel_tool_calls');
    const { adaptations } = adaptRequest(ask('gemini-1.5-pro', { tools: [tool], parallel_tool_calls: true }));
    expect(adaptations).toEqual([{ provider: 'Google Gemini', rule: 'gemini-parallel-tool-calls', message: expect.stringContaining("Gemini's OpenAI-compatible API rejects") }]);
  });
});
