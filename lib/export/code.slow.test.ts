/**
 * The exported programs are real programs (the slow project: python3, the TypeScript compiler and bash,
 * and a run of each against a loopback upstream). What they send is in code.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '@/lib/testing/shared';
import fc from 'fast-check';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { contentText, type ChatMessage } from '@/lib/wire/chat';
import { EXPORT_BASE_URL, exportCode } from './code';
import { cloneScenario, DEFAULT_SCENARIO, restoreScenario, WEATHER_RULES, type Scenario } from '@/lib/scenario/scenario';
import { findTemplate, finishedWeatherScenario } from '@/lib/scenario/templates';
import { CASES, finished } from './testing/played';
import { hostileScenario, hostileText } from './testing/hostile';
import { fakeOpenAiForPython, printedRequests, startScriptedUpstream, type ScriptedCall } from './testing/stand-ins';

const ROOT = PROJECT_ROOT;
const dir = mkdtempSync(join(tmpdir(), 'export-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pythonCompiles(sources: string[]): void {
  const files = sources.map((source, i) => {
    const file = join(dir, `check_${i}.py`);
    writeFileSync(file, source);
    return file;
  });
  // One interpreter for all files; raises (non-zero exit, message on stderr) on the first syntax error.
  execFileSync('python3', ['-c', 'import py_compile, sys\nfor f in sys.argv[1:]: py_compile.compile(f, doraise=True)', ...files], {
    stdio: 'pipe',
  });
}

function typescriptSyntaxErrors(source: string): string[] {
  const out = ts.transpileModule(source, {
    reportDiagnostics: true,
    fileName: 'scenario.mts',
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function bashParses(source: string): void {
  const file = join(dir, `check_${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, source);
  execFileSync('bash', ['-n', file], { stdio: 'pipe' });
}

/** The ways a text can appear in generated code: raw (comments), JSON-escaped, or in Python single quotes. */
function containsText(code: string, text: string): boolean {
  const escaped = JSON.stringify(text).slice(1, -1);
  return [text, escaped, escaped.replace(/\\"/g, '"')].some((form) => code.includes(form));
}

function texts(s: Scenario): string[] {
  return [s.system, s.draft, ...s.messages.map((m: ChatMessage) => contentText(m.content))].filter(Boolean);
}

describe('exportCode: valid programs that carry the whole scenario', () => {
  it.each(CASES)('%s: Python compiles, TypeScript parses, curl passes bash -n', (_name, scenario) => {
    const python = exportCode(scenario, 'python');
    const typescript = exportCode(scenario, 'typescript');
    const curl = exportCode(scenario, 'curl');
    pythonCompiles([python]);
    expect(typescriptSyntaxErrors(typescript)).toEqual([]);
    bashParses(curl);
    for (const code of [python, typescript, curl]) {
      expect(code).toContain(EXPORT_BASE_URL);
      expect(code).toContain('AIML_API_KEY');
      for (const tool of scenario.tools) expect(code).toContain(tool.function.name);
      for (const text of texts(scenario)) expect(containsText(code, text), text).toBe(true);
    }
  });

  it('TypeScript exports type-check against the installed openai SDK', () => {
    // The hostile scenarios too: their `["__proto__"]` keys and own-key lookups must type-check as well.
    // And a JavaScript mock, typed by the program's Mock (its arguments are whatever the model sent).
    const javascript: Scenario = { ...cloneScenario(DEFAULT_SCENARIO), mocks: { get_current_weather: { kind: 'javascript', source: 'async (args, call) => ({ city: args.location.trim(), id: call.id })' } } };
    const scenarios = [...CASES.map(([, s]) => s), javascript, hostileScenario(hostileText(dir), false), hostileScenario(hostileText(dir), true)];
    const files = new Map(scenarios.map((s, i) => [join(ROOT, `__export_check__/case_${i}.mts`), exportCode(s, 'typescript')]));
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    };
    // The files exist only in memory, placed under the repository so that `openai` resolves.
    const host = ts.createCompilerHost(options);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (f) => files.has(f) || fileExists(f);
    host.readFile = (f) => files.get(f) ?? readFile(f);
    host.getSourceFile = (f, lang, ...rest) =>
      files.has(f) ? ts.createSourceFile(f, files.get(f)!, lang) : getSourceFile(f, lang, ...rest);
    const program = ts.createProgram([...files.keys()], options, host);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  });

  it('survives hostile text anywhere in the scenario', () => {
    const nasty = [
      `'''"""\\ \${x} \`y\` */ #{z}`,
      'line one\nJSON\nline three\r\n\u2028end',
      `'; rm -rf / ; echo '$(touch /tmp/pwned) \`id\``,
      'NUL \u0000 bell \u0007 lone \ud800 emoji 🌦️',
    ];
    const scenarios = nasty.map((text) => {
      const s = finished(findTemplate('send_email')!);
      s.name = s.system = s.draft = text;
      s.mocks.send_email = { kind: 'fixed', result: text };
      s.tools[0].function.description = text;
      s.messages[0] = { role: 'user', content: text };
      s.messages[3] = { role: 'assistant', content: text };
      return s;
    });
    // And arbitrary strings, a few dozen at once.
    const arbitrary = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), { numRuns: 30, seed: 7 }).map((text) => {
      const result = restoreScenario({ ...DEFAULT_SCENARIO, name: text, system: text, draft: text, mocks: { get_current_weather: text } });
      if (!result.ok) throw new Error(result.error);
      return result.scenario;
    });
    const all = [...scenarios, ...arbitrary];
    pythonCompiles(all.map((s) => exportCode(s, 'python')));
    for (const s of all) {
      expect(typescriptSyntaxErrors(exportCode(s, 'typescript'))).toEqual([]);
      bashParses(exportCode(s, 'curl'));
    }
  });
});

/** The scripted stand-in for the AI/ML API on loopback: tool calls for a user turn, an answer after tools. */
describe('the exported programs run the loop (loopback upstream)', () => {
  let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
  let baseUrl = '';
  let requests: Array<Record<string, unknown>> = [];
  const setCalls = (next: ScriptedCall[]) => (upstream.calls = next);

  beforeAll(async () => {
    upstream = await startScriptedUpstream();
    baseUrl = upstream.baseUrl;
    requests = upstream.requests;
  });
  afterAll(() => upstream.close());

  const env = { ...process.env, AIML_API_KEY: 'test-key' };
  // Asynchronous: the upstream runs in this process, so a synchronous child would deadlock against it.
  const run = async (command: string, args: string[], options: { env: NodeJS.ProcessEnv }) =>
    (await promisify(execFile)(command, args, { ...options, encoding: 'utf8', timeout: 30_000 })).stdout;
  const weatherCalls = () =>
    finishedWeatherScenario().messages.flatMap((m) => (m.role === 'assistant' ? m.tool_calls ?? [] : [])).map((c) => ({ name: c.function.name, args: c.function.arguments }));

  it('TypeScript: answers recorded calls with the recorded results, then prints the answer', async () => {
    requests.length = 0;
    setCalls(weatherCalls());
    const source = ts.transpileModule(exportCode(finishedWeatherScenario(), 'typescript'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = join(dir, 'run.mjs');
    const openai = pathToFileURL(join(ROOT, 'node_modules/openai/index.mjs')).href;
    writeFileSync(file, source.replace("from 'openai'", `from '${openai}'`).replace(EXPORT_BASE_URL, baseUrl));
    const output = await run('node', [file], { env });
    expect(output).toContain('get_current_weather({"location":"Chicago, IL","unit":"celsius"}) -> {"temperature": 18');
    expect(output.trim().split('\n').pop()).toBe('Answer from 3 results.');
    expect(requests).toHaveLength(2);
    expect(requests[0].authorization).toBe('Bearer test-key');
    const tools = (requests[1].messages as ChatMessage[]).filter((m) => m.role === 'tool').map((m) => JSON.parse(contentText(m.content)).temperature);
    expect(tools).toEqual([22, 16, 18]);
  });

  it('Python: the same loop, run against a stand-in for the openai package', () => {
    const fake = fakeOpenAiForPython(dir);
    const runPython = (scenario: Scenario, scripted: ScriptedCall[]) => {
      const file = join(dir, 'run.py');
      writeFileSync(file, exportCode(scenario, 'python'));
      writeFileSync(join(dir, 'calls.json'), JSON.stringify(scripted));
      const output = execFileSync('python3', [file], {
        env: { ...env, PYTHONPATH: fake, FAKE_CALLS_FILE: join(dir, 'calls.json') },
        encoding: 'utf8',
      });
      return { output, sent: printedRequests(output) };
    };
    const weather = runPython(finishedWeatherScenario(), weatherCalls());
    expect(weather.output.trim().split('\n').pop()).toBe('Answer from 3 results.');
    const results = (weather.sent[1].messages as ChatMessage[]).filter((m) => m.role === 'tool');
    expect(results.map((m) => JSON.parse(contentText(m.content)).temperature)).toEqual([22, 16, 18]);

    const extract = finished(findTemplate('extract_data')!);
    const forced = runPython(extract, [{ name: 'extract_data', args: '{"birthday": "1990-04-12", "name": "John Smith"}' }]);
    expect(forced.sent.map((r) => r.tool_choice)).toEqual([{ type: 'function', function: { name: 'extract_data' } }, 'auto']);
    expect(forced.output).toContain('-> {"saved": true, "id": "person_0193"}');
    // Arguments never recorded get the mock: a rule by city; invalid JSON arguments get the default and do not crash the loop.
    const other = runPython(DEFAULT_SCENARIO, [
      { name: 'get_current_weather', args: '{"location": "chicago, il"}' },
      { name: 'get_current_weather', args: '{"location": "Paris' },
    ]);
    expect(other.output).toContain('-> {"temperature": 18, "unit": "celsius", "description": "Partly cloudy"}');
    expect(other.output).toContain('-> {"temperature": 20, "unit": "celsius", "description": "Clear"}');
  });

  it('curl: sends the first call and the recorded second call', async () => {
    requests.length = 0;
    setCalls([]);
    const file = join(dir, 'run.sh');
    writeFileSync(file, exportCode(finishedWeatherScenario(), 'curl').replace(EXPORT_BASE_URL, baseUrl));
    const output = await run('bash', [file], { env });
    expect(output).toContain('Answer from 0 results.');
    expect(output).toContain('Answer from 3 results.');
    expect(requests.map((r) => (r.messages as ChatMessage[]).length)).toEqual([2, 6]);
    expect(requests[1].authorization).toBe('Bearer test-key');
  });

  it('curl: refuses to run without a key, saying which variable to set', async () => {
    const { AIML_API_KEY: _unset, ...noKey } = env;
    const file = join(dir, 'nokey.sh');
    writeFileSync(file, exportCode(DEFAULT_SCENARIO, 'curl').replace(EXPORT_BASE_URL, baseUrl));
    await expect(run('bash', [file], { env: noKey })).rejects.toThrow(/Set AIML_API_KEY/);
  });

  describe('each kind of mock, in each language', () => {
    const JS_SOURCE = '(args, call) => ({ echoed: args.location, id: call.id, by: "javascript" })';
    const kinds = (): Scenario => {
      const s = cloneScenario(DEFAULT_SCENARIO);
      const tool = (name: string) => ({ ...s.tools[0], function: { ...s.tools[0].function, name } });
      s.tools = [s.tools[0], tool('fixed_fn'), tool('js_fn'), tool('ask_fn')];
      s.mocks = {
        get_current_weather: WEATHER_RULES,
        fixed_fn: { kind: 'fixed', result: '{"fixed": true}' },
        js_fn: { kind: 'javascript', source: JS_SOURCE },
        ask_fn: { kind: 'ask' },
      };
      // The JavaScript mock's result in this conversation, for Python and curl.
      s.messages = [
        { role: 'user', content: 'Go.' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_js', type: 'function', function: { name: 'js_fn', arguments: '{"location": "Oslo"}' } }] },
        { role: 'tool', tool_call_id: 'call_js', content: '{"echoed":"Oslo","id":"call_js","by":"javascript"}' },
        { role: 'assistant', content: 'Done.' },
      ];
      s.draft = 'Again, everywhere.';
      return s;
    };
    const calls: ScriptedCall[] = [
      { name: 'get_current_weather', args: '{"location": "New York, NY"}' },
      { name: 'get_current_weather', args: '{"location": "Atlantis"}' },
      { name: 'fixed_fn', args: '{}' },
      { name: 'js_fn', args: '{"location": "Bergen"}' },
      { name: 'ask_fn', args: '{}' },
    ];
    // The live round's results: the last five tool messages (the history before them holds the recorded one).
    const toolResults = (request: Record<string, unknown>) =>
      (request.messages as ChatMessage[]).filter((m) => m.role === 'tool').map((m) => contentText(m.content)).slice(-calls.length);

    it('TypeScript: rules and fixed results as functions; the JavaScript mock verbatim, run for the live call', async () => {
      const code = exportCode(kinds(), 'typescript');
      expect(code).toContain(`const mock2: Mock = (\n${JS_SOURCE}\n);`);
      expect(code).toMatch(/js_fn: a JavaScript mock in the playground, exactly as the scenario wrote it\. It is code/);
      requests.length = 0;
      setCalls(calls);
      const source = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      const file = join(dir, 'kinds.mjs');
      const openai = pathToFileURL(join(ROOT, 'node_modules/openai/index.mjs')).href;
      writeFileSync(file, source.replace("from 'openai'", `from '${openai}'`).replace(EXPORT_BASE_URL, baseUrl));
      await run('node', [file], { env });
      const results = toolResults(requests[1]);
      expect(results.slice(0, 3)).toEqual([WEATHER_RULES.rules[0].result, WEATHER_RULES.default, '{"fixed": true}']);
      expect(JSON.parse(results[3])).toEqual({ echoed: 'Bergen', id: expect.any(String), by: 'javascript' });
      expect(JSON.parse(results[4]).error).toMatch(/^ask_fn: in the playground the person typed this result/);
    });

    it('Python: the same rules and fixed results; for the JavaScript mock it says so and answers with the result it gave here', () => {
      const code = exportCode(kinds(), 'python');
      expect(code).not.toContain(JS_SOURCE);
      expect(code).toMatch(/# js_fn: a JavaScript mock in the playground\. Python cannot run it, so this returns the result it gave there\./);
      const file = join(dir, 'kinds.py');
      writeFileSync(file, code);
      writeFileSync(join(dir, 'calls.json'), JSON.stringify(calls));
      const fake = fakeOpenAiForPython(dir);
      const output = execFileSync('python3', [file], { env: { ...env, PYTHONPATH: fake, FAKE_CALLS_FILE: join(dir, 'calls.json') }, encoding: 'utf8' });
      const results = toolResults(printedRequests(output)[1]);
      expect(results).toEqual([
        WEATHER_RULES.rules[0].result,
        WEATHER_RULES.default,
        '{"fixed": true}',
        '{"echoed":"Oslo","id":"call_js","by":"javascript"}',
        expect.stringMatching(/ask_fn: in the playground the person typed this result/),
      ]);
    });

    it('curl: lists every mock in words, and never carries the JavaScript source', () => {
      const fresh = kinds();
      fresh.messages = [];
      const code = exportCode(fresh, 'curl');
      bashParses(code);
      expect(code).not.toContain(JS_SOURCE);
      expect(code).toContain('#   get_current_weather: rule 1 (location = New York): {"temperature": 22');
      expect(code).toContain('#   fixed_fn: {"fixed": true}');
      expect(code).toContain('#   js_fn: a JavaScript mock in the playground, not included here');
      expect(code).toContain('#   ask_fn: none (in the playground the person types it)');
    });
  });
});
