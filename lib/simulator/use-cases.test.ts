/** The guide's five use cases, and the second call that answers from tool results. */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest, ToolCall } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import {
  ask, EXTRACT_DATA_TOOL, GET_CUSTOMERS_TOOL, GUIDE_TOOLS, guideRequest, SEND_EMAIL_TOOL, SQL_QUERY_TOOL, WEATHER_TOOL,
} from './testing/fixtures';

function callsOf(request: ChatRequest): Array<{ name: string; args: Record<string, unknown> }> {
  const completion = simulateCompletion(request);
  return (completion.choices[0].message.tool_calls ?? []).map((call) => ({
    name: call.function.name,
    args: JSON.parse(call.function.arguments),
  }));
}

describe("the guide's use cases", () => {
  it('(1) the weather question becomes three parallel calls, in the order the cities are named', () => {
    const completion = simulateCompletion(guideRequest());
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(completion.model).toBe('gpt-4o');
    const calls = choice.message.tool_calls ?? [];
    expect(calls.map((call) => call.function.name)).toEqual(Array(3).fill('get_current_weather'));
    expect(calls.map((call) => JSON.parse(call.function.arguments).location)).toEqual(['New York', 'San Francisco', 'Chicago']);
    expect(new Set(calls.map((call) => call.id)).size).toBe(3);
    for (const call of calls) expect(call.id).toMatch(/^call_[0-9a-f]{12}_\d$/);
  });

  it('(1) picks only the weather tool when all five guide tools are offered', () => {
    const calls = callsOf(guideRequest({ tools: GUIDE_TOOLS }));
    expect(calls.map((call) => call.name)).toEqual(Array(3).fill('get_current_weather'));
  });

  it('(1) chooses the unit the message names, and leaves it out otherwise', () => {
    expect(callsOf(ask('Is it above 70 °F in Paris?', [WEATHER_TOOL]))).toEqual([
      { name: 'get_current_weather', args: { location: 'Paris', unit: 'fahrenheit' } },
    ]);
    expect(callsOf(ask('Weather in Oslo in celsius please', [WEATHER_TOOL]))[0].args).toEqual({ location: 'Oslo', unit: 'celsius' });
    expect(callsOf(ask('What is the forecast for Rio de Janeiro?', [WEATHER_TOOL]))[0].args).toEqual({ location: 'Rio de Janeiro' });
  });

  it('(2) send_email takes the address and the message after "saying"', () => {
    expect(callsOf(ask('Send an email to alice@example.com saying the report is ready', GUIDE_TOOLS))).toEqual([
      { name: 'send_email', args: { to: 'alice@example.com', body: 'the report is ready' } },
    ]);
  });

  it('(3) "Who are my top customers?" calls get_customers with sensible, well-typed values', () => {
    const [call] = callsOf(ask('Who are my top customers?', GUIDE_TOOLS));
    expect(call.name).toBe('get_customers');
    expect(Number.isInteger(call.args.min_revenue) && (call.args.min_revenue as number) >= 0).toBe(true);
    expect(call.args.created_before).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isInteger(call.args.limit) && (call.args.limit as number) > 0).toBe(true);
  });

  it('(3) numbers go to the parameter their neighbouring words name', () => {
    const [call] = callsOf(ask('Show my top 5 customers with revenue over $10,000 created before 2024-01-01', [GET_CUSTOMERS_TOOL]));
    expect(call.args).toEqual({ min_revenue: 10000, created_before: '2024-01-01', limit: 5 });
  });

  it('(4) extract_data reads the name and the ISO birthday', () => {
    expect(callsOf(ask('John Smith was born on 1990-04-12', [EXTRACT_DATA_TOOL, SEND_EMAIL_TOOL]))).toEqual([
      { name: 'extract_data', args: { name: 'John Smith', birthday: '1990-04-12' } },
    ]);
    expect(callsOf(ask('Extract: Ada Lovelace, born December 10, 1815', [EXTRACT_DATA_TOOL]))[0].args).toEqual({
      name: 'Ada Lovelace',
      birthday: '1815-12-10',
    });
  });

  it('(5) sql_query gets a SELECT built from the question', () => {
    const [call] = callsOf(ask('How many orders were placed last month?', GUIDE_TOOLS));
    expect(call.name).toBe('sql_query');
    expect(call.args.query).toBe(
      "SELECT COUNT(*) AS count FROM orders WHERE placed_at >= date_trunc('month', CURRENT_DATE) - INTERVAL '1 month' AND placed_at < date_trunc('month', CURRENT_DATE);",
    );
    expect(callsOf(ask('Query the database for the top 3 products by revenue', [SQL_QUERY_TOOL]))[0].args.query).toBe(
      'SELECT * FROM products ORDER BY revenue DESC LIMIT 3;',
    );
  });
});

/** The conversation after the model's calls, with one result per call. */
function withResults(request: ChatRequest, results: string[]): ChatRequest {
  const completion = simulateCompletion(request);
  const calls = completion.choices[0].message.tool_calls as ToolCall[];
  const messages: ChatMessage[] = [
    ...request.messages,
    { role: 'assistant', content: null, tool_calls: calls },
    ...calls.map((call, i): ChatMessage => ({ role: 'tool', tool_call_id: call.id, content: results[i] })),
  ];
  return { ...request, messages };
}

describe('answering from tool results', () => {
  it('states every result, naming each call by its location', () => {
    const request = withResults(guideRequest(), [
      '{"temperature": 22, "unit": "celsius"}',
      '{"temperature": 18, "unit": "celsius"}',
      '{"temperature": 10, "unit": "celsius", "details": {"wind": "strong", "sky": ["clear", "windy"]}}',
    ]);
    const choice = simulateCompletion(request).choices[0];
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.tool_calls).toBeUndefined();
    expect(choice.message.content).toBe(
      'Here is what the tools returned. New York: the temperature is 22 and the unit is celsius. San Francisco: the temperature is 18 and the unit is celsius. Chicago: the temperature is 10, the unit is celsius and the details are (wind: strong, sky: clear and windy).',
    );
  });

  it('says which call the person declined and that it cannot answer that part', () => {
    const request = withResults(guideRequest(), ['{"temperature": 22}', 'Sunny, 18 degrees', '{"error": "The user rejected this call"}']);
    const content = simulateCompletion(request).choices[0].message.content;
    expect(content).toContain('New York: the temperature is 22.');
    expect(content).toContain('San Francisco: “Sunny, 18 degrees”');
    expect(content).toContain('The person declined the call to get_current_weather (Chicago), so I cannot answer that part.');
    expect(content).not.toContain('Chicago:');
  });

  it("recognises the playground's own rejection result", () => {
    const declined = JSON.stringify({ error: 'The user declined to run get_current_weather.' });
    const request = withResults(ask('What is the weather in Paris?', [WEATHER_TOOL], { parallel_tool_calls: false }), [declined]);
    expect(simulateCompletion(request).choices[0].message.content).toBe(
      'The person declined the call to get_current_weather (Paris), so I cannot answer that part.',
    );
  });

  it('labels calls to different tools by function name', () => {
    const request = withResults(ask('Send an email to bob@example.com saying hi', [SEND_EMAIL_TOOL]), ['{"status":"sent","id":7}']);
    expect(simulateCompletion(request).choices[0].message.content).toBe(
      'Here is what the tool returned. bob@example.com: the status is sent and the id is 7.',
    );
  });

  it('calls tools again when the person asks again after the results', () => {
    const answered = withResults(guideRequest(), ['{"t":1}', '{"t":2}', '{"t":3}']);
    const again: ChatRequest = { ...answered, messages: [...answered.messages, { role: 'user', content: 'And in Boston?' }] };
    // "Boston" alone names no weather word, so the simulator answers in text; naming the weather calls the tool.
    expect(simulateCompletion(again).choices[0].finish_reason).toBe('stop');
    const weatherAgain: ChatRequest = { ...answered, messages: [...answered.messages, { role: 'user', content: 'And the weather in Boston?' }] };
    expect(callsOf(weatherAgain)).toEqual([{ name: 'get_current_weather', args: { location: 'Boston' } }]);
  });
});

describe('plain-text replies say they come from the offline simulator', () => {
  it('with no tools', () => {
    const choice = simulateCompletion({ model: 'offline-simulator', messages: [{ role: 'user', content: 'Hello!' }] }).choices[0];
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.content).toMatch(/^\(Offline simulator\) .*not an LLM.*no tools are defined/);
  });

  it('when no tool fits, listing the tools it can call', () => {
    const content = simulateCompletion(ask('Tell me a joke', GUIDE_TOOLS)).choices[0].message.content;
    expect(content).toBe(
      '(Offline simulator) I have no tool that fits “Tell me a joke”, so I am answering in text. I can call: get_current_weather, send_email, get_customers, extract_data, sql_query. Mention what one of them is for and I will call it.',
    );
  });
});
