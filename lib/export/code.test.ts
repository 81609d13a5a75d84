/** What the exported programs send: the plan, and how each language writes it. Compiling and running them is code.slow.test.ts. */
import { describe, expect, it } from 'vitest';
import { exportCode, planExport } from './code';
import { DEFAULT_SCENARIO } from '@/lib/scenario/scenario';
import { findTemplate, finishedWeatherScenario } from '@/lib/scenario/templates';
import { finished } from './testing/played';
import { curlCommands, hostileScenario, hostileText, plainText } from './testing/hostile';

describe('planExport: what the programs send', () => {
  it('exports the offline simulator as gpt-4o with a note; other models as they are', () => {
    expect(exportCode(DEFAULT_SCENARIO, 'python')).toMatch(/offline simulator, which runs inside the app only; gpt-4o stands in/);
    expect(exportCode(DEFAULT_SCENARIO, 'python')).toContain('MODEL = "gpt-4o"');
    const upstream = { ...DEFAULT_SCENARIO, model: 'openai/gpt-4.1-2025-04-14' };
    expect(exportCode(upstream, 'typescript')).toContain('const model = "openai/gpt-4.1-2025-04-14";');
    expect(exportCode(upstream, 'curl')).not.toMatch(/offline simulator/);
  });

  it('sends only the options the scenario sets', () => {
    expect(planExport(DEFAULT_SCENARIO).options).toEqual({ tool_choice: 'auto' });
    const tuned = { ...DEFAULT_SCENARIO, temperature: 0.2, max_tokens: 512, parallel_tool_calls: false };
    expect(planExport(tuned).options).toEqual({ tool_choice: 'auto', parallel_tool_calls: false, temperature: 0.2, max_tokens: 512 });
    expect(exportCode(tuned, 'python')).toMatch(/parallel_tool_calls=False,\n\s+temperature=0\.2,\n\s+max_tokens=512,/);
    const toolless = { ...DEFAULT_SCENARIO, tools: [] };
    expect(planExport(toolless).options).toEqual({});
    expect(exportCode(toolless, 'python')).not.toContain('tools=tools');
    expect(exportCode(toolless, 'curl')).not.toContain('"tools"');
  });

  it('an unsent message is the next user turn; a finished conversation is replayed from its last question', () => {
    const fresh = planExport(DEFAULT_SCENARIO);
    expect(fresh.history.map((m) => m.role)).toEqual(['system', 'user']);
    expect(fresh.rounds).toEqual([]);
    const done = planExport(finishedWeatherScenario());
    expect(done.history.map((m) => m.role)).toEqual(['system', 'user']);
    expect(done.rounds).toHaveLength(1);
    expect(done.rounds[0].map((m) => m.role)).toEqual(['assistant', 'tool', 'tool', 'tool']);
    expect(done.lastAnswer).toMatch(/^Right now it is 22 °C/);
    expect(done.recorded.map((r) => r.args)).toEqual([
      { location: 'New York, NY', unit: 'celsius' },
      { location: 'San Francisco, CA', unit: 'celsius' },
      { location: 'Chicago, IL', unit: 'celsius' },
    ]);
    const followUp = { ...finishedWeatherScenario(), draft: 'And in Boston?' };
    expect(planExport(followUp).history.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool', 'tool', 'assistant', 'user']);
    // Calls still waiting for a result cannot be sent; the next turn starts before them.
    const waiting = { ...finishedWeatherScenario(), draft: 'Never mind.' };
    waiting.messages = waiting.messages.slice(0, 3);
    expect(planExport(waiting).history.map((m) => m.role)).toEqual(['system', 'user', 'user']);
  });

  it('curl sends the recorded tool round as the second call, or explains it', () => {
    const curl = exportCode(finishedWeatherScenario(), 'curl');
    expect(curl.match(/^curl /gm)).toHaveLength(2);
    expect(curl).toMatch(/# Call 2: .*tool_calls/);
    expect(curl).toContain('"tool_call_id": "call_8fJq2LmZ0xWc4RtY7hN"');
    const fresh = exportCode(DEFAULT_SCENARIO, 'curl');
    expect(fresh.match(/^curl /gm)).toHaveLength(1);
    expect(fresh).toMatch(/No tool results were recorded.*\n.*\n.*"role": "tool"/);
    expect(fresh).toContain('#   get_current_weather: rule 1 (location = New York): {"temperature": 22');
  });

  it('a forced tool_choice applies to the first call only', () => {
    const extract = finished(findTemplate('extract_data')!);
    expect(exportCode(extract, 'python')).toContain(
      'tool_choice={"type": "function", "function": {"name": "extract_data"}} if round_number == 1 else "auto",',
    );
    expect(exportCode(extract, 'typescript')).toMatch(/tool_choice: round === 1 \? \{[\s\S]*?\} : 'auto',/);
    const curl = exportCode(extract, 'curl');
    expect(curl.match(/"tool_choice": \{/g)).toHaveLength(1);
    expect(curl).toContain('"tool_choice": "auto"');
  });
});

describe('command injection through the exported curl script', () => {
  const hostile = hostileText('/tmp/canary');
  it.each([false, true])('scenario text reaches only comments and quoted heredocs (finished: %s)', (done) => {
    const commands = curlCommands(exportCode(hostileScenario(hostile, done), 'curl'));
    expect(commands).toEqual(curlCommands(exportCode(hostileScenario(plainText, done), 'curl')));
    expect(commands.join('\n')).not.toMatch(/touch|canary/);
  });

  it("a JavaScript mock's source never reaches the Python or curl export: only TypeScript carries it, as the code it is", () => {
    const source = hostile('javascript source');
    const s = { ...hostileScenario(hostile, true), mocks: { get_current_weather: { kind: 'javascript' as const, source } } };
    expect(exportCode(s, 'python')).not.toContain('javascript source');
    expect(exportCode(s, 'curl')).not.toContain('javascript source');
    expect(curlCommands(exportCode(s, 'curl'))).toEqual(curlCommands(exportCode(hostileScenario(plainText, true), 'curl')));
    expect(exportCode(s, 'typescript')).toContain(`(\n${source}\n);`);
    expect(exportCode(s, 'typescript')).toMatch(/It holds invisible or bidirectional characters/);
  });

  it('no scenario text in the first two lines of any export (Python reads its source encoding there)', () => {
    const s = { ...hostileScenario(hostile, true), name: 'coding: utf-7' };
    for (const language of ['python', 'typescript', 'curl'] as const) {
      expect(exportCode(s, language).split('\n').slice(0, 2).join('\n')).not.toMatch(/coding|utf-7/);
    }
  });
});
