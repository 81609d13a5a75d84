/** tool_choice, parallel_tool_calls, the API's own request checks, determinism and usage. */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import { SimulatorRequestError } from './conversation';
import { ask, GUIDE_QUESTION, guideRequest, SEND_EMAIL_TOOL, WEATHER_TOOL } from './testing/fixtures';

function names(request: ChatRequest): string[] {
  return (simulateCompletion(request).choices[0].message.tool_calls ?? []).map((call) => call.function.name);
}

function requestError(request: ChatRequest): SimulatorRequestError {
  try {
    simulateCompletion(request);
  } catch (error) {
    if (error instanceof SimulatorRequestError) return error;
    throw error;
  }
  throw new Error('expected a SimulatorRequestError');
}

describe('tool_choice', () => {
  it('"none" never calls a tool, and says which it would have called', () => {
    const choice = simulateCompletion(guideRequest({ tool_choice: 'none' })).choices[0];
    expect(choice.message.tool_calls).toBeUndefined();
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.content).toBe(
      '(Offline simulator) tool_choice is "none", so I answer without calling tools. With tools allowed I would call: get_current_weather.',
    );
  });

  it('"auto" is the default when tools exist: related tools are called, unrelated messages get text', () => {
    expect(names(guideRequest({ tool_choice: undefined }))).toHaveLength(3);
    expect(names(ask('Send an email to bob@example.com saying hello', [WEATHER_TOOL, SEND_EMAIL_TOOL]))).toEqual(['send_email']);
    const unrelated = simulateCompletion(ask('Tell me a joke', [WEATHER_TOOL, SEND_EMAIL_TOOL])).choices[0];
    expect(unrelated.message.tool_calls).toBeUndefined();
    expect(unrelated.message.content).toContain('I can call: get_current_weather, send_email.');
  });

  it('"auto" prefers the tool that shares more words with the message', () => {
    const sms = { type: 'function' as const, function: { name: 'send_sms', parameters: { type: 'object', properties: { phone: { type: 'string' } } } } };
    expect(names(ask('Send an email to bob@example.com saying hello', [sms, SEND_EMAIL_TOOL]))).toEqual(['send_email']);
    expect(names(ask('Send an SMS to 555-0100 saying hello', [sms, SEND_EMAIL_TOOL]))).toEqual(['send_sms']);
  });

  it('"auto" calls every related tool in one turn', () => {
    const request = ask('Email alice@example.com the weather in Paris', [WEATHER_TOOL, SEND_EMAIL_TOOL]);
    expect(names(request).sort()).toEqual(['get_current_weather', 'send_email']);
  });

  it('"required" calls the best match, or the first tool when nothing matches', () => {
    expect(names(ask('Send an email to bob@example.com saying hi', [WEATHER_TOOL, SEND_EMAIL_TOOL], { tool_choice: 'required' }))).toEqual(['send_email']);
    expect(names(ask('Tell me a joke', [SEND_EMAIL_TOOL, WEATHER_TOOL], { tool_choice: 'required' }))).toEqual(['send_email']);
  });

  it('a named function is called exactly once, whatever the message says', () => {
    const request = guideRequest({ tools: [WEATHER_TOOL, SEND_EMAIL_TOOL], tool_choice: { type: 'function', function: { name: 'send_email' } } });
    const calls = simulateCompletion(request).choices[0].message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    expect(calls[0].function.name).toBe('send_email');
    expect(JSON.parse(calls[0].function.arguments)).toEqual({ to: 'user@example.com', body: GUIDE_QUESTION });
  });

  it('a named function that is not among the tools is refused, naming tool_choice', () => {
    const error = requestError(guideRequest({ tool_choice: { type: 'function', function: { name: 'get_stock_price' } } }));
    expect(error.param).toBe('tool_choice');
    expect(error.message).toContain("'get_stock_price'");
  });

  it('"required" with no tools is refused as the API refuses it', () => {
    const error = requestError({ model: 'offline-simulator', messages: [{ role: 'user', content: 'hi' }], tool_choice: 'required' });
    expect(error.param).toBe('tool_choice');
  });

  it('after tool results, "auto" answers in text while "required" calls again, as upstream does', () => {
    const first = simulateCompletion(ask('Weather in Paris?', [WEATHER_TOOL]));
    const call = first.choices[0].message.tool_calls![0];
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: call.id, content: '{"temperature":21}' },
    ];
    const auto = simulateCompletion({ model: 'offline-simulator', messages, tools: [WEATHER_TOOL] }).choices[0];
    expect(auto.message.content).toBe('Here is what the tool returned. Paris: the temperature is 21.');
    expect(names({ model: 'offline-simulator', messages, tools: [WEATHER_TOOL], tool_choice: 'required' })).toEqual(['get_current_weather']);
  });
});

describe('parallel_tool_calls', () => {
  it('false allows at most one call per turn', () => {
    const calls = simulateCompletion(guideRequest({ parallel_tool_calls: false })).choices[0].message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0].function.arguments)).toEqual({ location: 'New York' });
    const two = ask('Email alice@example.com the weather in Paris', [WEATHER_TOOL, SEND_EMAIL_TOOL], { parallel_tool_calls: false });
    expect(names(two)).toHaveLength(1);
  });

  it('false calls one city per turn, the next after each result, until all three are answered, then answers', () => {
    for (const model of ['offline-simulator', 'offline-simulator-careless']) {
      let request = guideRequest({ model, parallel_tool_calls: false });
      const called: string[] = [];
      for (let turn = 1; turn <= 3; turn++) {
        const message = simulateCompletion(request).choices[0].message;
        expect(message.tool_calls, `${model}, turn ${turn}`).toHaveLength(1);
        const [call] = message.tool_calls ?? [];
        called.push(JSON.parse(call.function.arguments).location);
        const result: ChatMessage = { role: 'tool', tool_call_id: call.id, content: JSON.stringify({ temperature: 20 + turn, unit: 'celsius' }) };
        request = { ...request, messages: [...request.messages, { role: 'assistant', content: null, tool_calls: [call] }, result] };
      }
      const answer = simulateCompletion(request).choices[0];
      expect(answer.finish_reason, model).toBe('stop');
      if (model === 'offline-simulator') {
        expect(called).toEqual(['New York', 'San Francisco', 'Chicago']);
        for (const city of called) expect(answer.message.content).toContain(city);
        expect(answer.message.content).toContain('the temperature is 23');
      }
    }
  });

  it('false still answers at once when the message asked for one call only', () => {
    let request = ask('What is the weather in Paris?', [WEATHER_TOOL], { parallel_tool_calls: false });
    const [call] = simulateCompletion(request).choices[0].message.tool_calls ?? [];
    request = { ...request, messages: [...request.messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '{"temperature":21}' }] };
    expect(simulateCompletion(request).choices[0].finish_reason).toBe('stop');
  });

  it('true (the default) spreads a list of places over parallel calls', () => {
    expect(names(guideRequest({ parallel_tool_calls: true }))).toHaveLength(3);
  });
});

describe('the checks the API makes on tool messages', () => {
  it('refuses a tool message that answers no pending call', () => {
    const error = requestError({
      model: 'offline-simulator',
      messages: [{ role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 'call_x', content: '{}' }],
    });
    expect(error.param).toBe('messages.1.tool_call_id');
  });

  it('refuses tool calls left without results', () => {
    const error = requestError({
      model: 'offline-simulator',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'user', content: 'hello?' },
      ],
    });
    expect(error.param).toBe('messages.1.tool_calls');
    expect(error.message).toContain('call_a');
  });
});

describe('determinism', () => {
  it('the same request gives the same completion; only `created` follows the clock', () => {
    const a = simulateCompletion(guideRequest());
    const b = simulateCompletion(JSON.parse(JSON.stringify(guideRequest())));
    expect({ ...a, created: 0 }).toEqual({ ...b, created: 0 });
    expect(simulateCompletion(guideRequest(), { created: 42 })).toEqual(simulateCompletion(guideRequest(), { created: 42 }));
    expect(a.id).toMatch(/^chatcmpl-sim-[0-9a-f]{16}$/);
  });

  it('key order and the stream flag do not change ids; a different request does', () => {
    const request = guideRequest();
    const reordered = Object.fromEntries(Object.entries(request).reverse()) as ChatRequest;
    expect(simulateCompletion(reordered).id).toBe(simulateCompletion(request).id);
    expect(simulateCompletion({ ...request, stream: true }).id).toBe(simulateCompletion(request).id);
    expect(simulateCompletion(guideRequest({ temperature: 0.5 })).id).not.toBe(simulateCompletion(request).id);
  });

  it('usage is a deterministic rough estimate that adds up', () => {
    const { usage } = simulateCompletion(guideRequest());
    expect(usage).toEqual(simulateCompletion(guideRequest()).usage);
    expect(usage!.prompt_tokens).toBeGreaterThan(50);
    expect(usage!.completion_tokens).toBeGreaterThan(0);
    expect(usage!.total_tokens).toBe(usage!.prompt_tokens + usage!.completion_tokens);
  });
});

describe('text limits', () => {
  it('max_tokens cuts a text reply and reports finish_reason "length"', () => {
    const choice = simulateCompletion({ model: 'offline-simulator', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 3 }).choices[0];
    expect(choice.finish_reason).toBe('length');
    expect(choice.message.content).toBe('(Offline sim');
  });

  it('a stop sequence ends the text before it', () => {
    const choice = simulateCompletion({ model: 'offline-simulator', messages: [{ role: 'user', content: 'Hello' }], stop: ['not'] }).choices[0];
    expect(choice.message.content).toBe('(Offline simulator) I am a rule-based stand-in, ');
    expect(choice.finish_reason).toBe('stop');
  });
});

describe('keys every object inherits', () => {
  it('a parameter named __proto__ (or constructor) is a parameter like any other (Security, round two: 10)', () => {
    const tool = JSON.parse(
      '{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"},"location":{"type":"string"}},"required":["__proto__","constructor","location"]}}}',
    );
    const call = simulateCompletion(ask('weather in Paris', [tool])).choices[0].message.tool_calls![0];
    const args = JSON.parse(call.function.arguments);
    expect(Object.keys(args)).toEqual(['__proto__', 'constructor', 'location']);
    expect(args.location).toBe('Paris');
  });
});
