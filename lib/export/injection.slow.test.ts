/**
 * "Command injection through the exported curl script" (Security, round two), and its like in Python and
 * TypeScript: every string of a scenario is data in the exported code. Each program is written from a
 * scenario with every attack in every string (testing/hostile.ts), then
 *  - read by its own language's tokenizer or parser: the same program as its plain twin's, but for what
 *    its string literals hold (comments aside);
 *  - run — bash with a fake curl first on PATH, python3 with a fake openai package, node with the real
 *    openai SDK against a loopback upstream — with HOME set to a canary folder: nothing in it afterwards
 *    (each attack would create a file named after it), and every request carries every string exactly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { PROJECT_ROOT } from '@/lib/testing/shared';
import { contentText, type ChatMessage } from '@/lib/wire/chat';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/scenario';
import { EXPORT_BASE_URL, exportCode } from './code';
import { curlCommands, hostileScenario, hostileText, liveCalls, liveResults, plainText } from './testing/hostile';
import { fakeCurl, fakeOpenAiForPython, printedRequests, startScriptedUpstream } from './testing/stand-ins';

const dir = mkdtempSync(join(tmpdir(), 'export-injection-'));
const canaries = join(dir, 'canaries');
mkdirSync(canaries);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Empty before each test, so that a file left by one test is not blamed on the next.
beforeEach(() => {
  rmSync(canaries, { recursive: true, force: true });
  mkdirSync(canaries);
});
const hostile = hostileText(canaries);
const env = { ...process.env, AIML_API_KEY: 'test-key', HOME: canaries, PYTHONIOENCODING: 'utf-8' };

/** Runs a program to its end; its exit is checked after the canaries, so that what it ran is reported first. */
function run(command: string, args: string[], extra: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { env: { ...env, ...extra }, encoding: 'utf8', timeout: 30_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/** What each request of the scenario's first call must carry, field by field, as JSON text (own `__proto__` keys count). */
function expectFirstRequest(sent: Record<string, unknown>, s: Scenario, finished: boolean): void {
  const history = [{ role: 'system', content: s.system }, ...(finished ? s.messages.slice(0, 3) : [{ role: 'user', content: s.draft }])];
  const expected = { model: s.model, messages: history, tools: s.tools, tool_choice: s.tool_choice, parallel_tool_calls: false, temperature: 0.5, max_tokens: 100 };
  for (const [key, value] of Object.entries(expected)) expect(JSON.stringify(sent[key]), key).toBe(JSON.stringify(value));
}

/** The live round's results, as the stubs must answer liveCalls: recorded, mocked (`__proto__` too), or none. */
function expectLiveResults(sent: Record<string, unknown>, finished: boolean): void {
  const results = (sent.messages as ChatMessage[]).filter((m) => m.role === 'tool');
  expect(results.map((m) => (m.role === 'tool' ? m.tool_call_id : ''))).toEqual(liveCalls(hostile).map((_, i) => `call_live${i}`));
  liveResults(hostile, finished).forEach((expected, i) => {
    const content = contentText(results[i].content);
    if (typeof expected === 'string') expect(content, `result ${i}`).toBe(expected);
    else expect(JSON.parse(content), `result ${i}`).toEqual(expected);
  });
  expect(sent.tool_choice).toBe('auto');
}

/** The Python tokenizer's reading of a file, as python3 decodes it (its ENCODING token included); strings and comments blanked. */
async function pythonTokens(path: string): Promise<string> {
  const script = [
    'import sys, tokenize',
    'with open(sys.argv[1], "rb") as f:',
    '    for t in tokenize.tokenize(f.readline):',
    '        kind = tokenize.tok_name[t.type]',
    '        if kind not in ("COMMENT", "NL"): print(kind, "" if kind == "STRING" else repr(t.string))',
  ].join('\n');
  const { code, stdout, stderr } = await run('python3', ['-c', script, path]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

/** The TypeScript parser's reading of a program, printed back without comments and with every string literal blanked. */
function typescriptSkeleton(source: string): string {
  const { diagnostics } = ts.transpileModule(source, { reportDiagnostics: true, fileName: 'scenario.mts', compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  expect((diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const blank: ts.TransformerFactory<ts.SourceFile> = (context) => (root) => {
    const visit = (node: ts.Node): ts.Node => (ts.isStringLiteral(node) ? context.factory.createStringLiteral('S') : ts.visitEachChild(node, visit, context));
    return ts.visitNode(root, visit) as ts.SourceFile;
  };
  const parsed = ts.createSourceFile('scenario.mts', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return ts.createPrinter({ removeComments: true }).printFile(ts.transform(parsed, [blank]).transformed[0]);
}

describe('command injection through the exported curl script (and its like in Python and TypeScript)', () => {
  let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
  beforeAll(async () => {
    upstream = await startScriptedUpstream();
  });
  afterAll(() => upstream.close());

  it.each([false, true])('curl: bash with a fake curl runs nothing from the scenario, and each request carries every string exactly (finished: %s)', async (finished) => {
    const s = hostileScenario(hostile, finished);
    const script = exportCode(s, 'curl');
    const log = join(dir, `curl-log-${finished}`);
    mkdirSync(log);
    const bin = fakeCurl(dir, log);
    const { code, stderr } = await run('bash', [file('scenario.sh', script)], { PATH: `${bin}:${process.env.PATH}` });
    expect(readdirSync(canaries)).toEqual([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const bodies = readdirSync(log).filter((f) => f.startsWith('body-')).sort().map((f) => JSON.parse(readFileSync(join(log, f), 'utf8')));
    expect(bodies).toHaveLength(finished ? 2 : 1);
    expectFirstRequest(bodies[0], s, finished);
    if (finished) {
      expect(JSON.stringify(bodies[1].messages)).toBe(JSON.stringify([...(bodies[0].messages as unknown[]), ...s.messages.slice(3, 6)]));
      expect(bodies[1].tool_choice).toBe('auto');
    }
    const args = readFileSync(join(log, 'args-0.txt'), 'utf8').split('\n');
    expect(args).toEqual(expect.arrayContaining([`${EXPORT_BASE_URL}/chat/completions`, 'Authorization: Bearer test-key', '-d', '@-']));
    expect(curlCommands(script)).toEqual(curlCommands(exportCode(hostileScenario(plainText, finished), 'curl')));
  });

  it.each([false, true])('Python: python3 reads the same program as for plain text, runs nothing from the scenario, and sends every string exactly (finished: %s)', async (finished) => {
    const s = hostileScenario(hostile, finished);
    const path = file('scenario.py', exportCode(s, 'python'));
    const calls = file('calls.json', JSON.stringify(liveCalls(hostile)));
    const { code, stdout, stderr } = await run('python3', [path], { PYTHONPATH: fakeOpenAiForPython(dir), FAKE_CALLS_FILE: calls });
    expect(readdirSync(canaries)).toEqual([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const sent = printedRequests(stdout);
    expect(sent).toHaveLength(2);
    expectFirstRequest(sent[0], s, finished);
    expectLiveResults(sent[1], finished);
    expect(stdout.trim().split('\n').pop()).toBe('Answer from 5 results.');
    expect(await pythonTokens(path)).toBe(await pythonTokens(file('plain.py', exportCode(hostileScenario(plainText, finished), 'python'))));
  });

  it('Python: a scenario named "coding: utf-7" cannot change how python3 reads the file', async () => {
    // In UTF-7, `+ACIAKw-…-` is `"+…`: a string literal that closes itself once the file is read as UTF-7.
    const utf7 = (text: string) => `+${Buffer.from(text, 'utf16le').swap16().toString('base64').replace(/=+$/, '')}-`;
    const payload = `"+str(__import__("os").system("touch ${join(canaries, 'utf-7')}"))+"`;
    const s = { ...cloneScenario(DEFAULT_SCENARIO), name: 'coding: utf-7', system: utf7(payload) };
    const calls = file('calls.json', '[]');
    const { code, stdout, stderr } = await run('python3', [file('utf7.py', exportCode(s, 'python'))], { PYTHONPATH: fakeOpenAiForPython(dir), FAKE_CALLS_FILE: calls });
    expect(readdirSync(canaries)).toEqual([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect((printedRequests(stdout)[0].messages as ChatMessage[])[0].content).toBe(utf7(payload));
  });

  it.each([false, true])('TypeScript: the parser reads the same program as for plain text; node runs nothing from the scenario and sends every string exactly, __proto__ keys included (finished: %s)', async (finished) => {
    const s = hostileScenario(hostile, finished);
    const source = exportCode(s, 'typescript');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const openai = pathToFileURL(join(PROJECT_ROOT, 'node_modules/openai/index.mjs')).href;
    const path = file('scenario.mjs', js.replace("from 'openai'", `from '${openai}'`).replace(`"${EXPORT_BASE_URL}"`, JSON.stringify(upstream.baseUrl)));
    upstream.requests.length = 0;
    upstream.calls = liveCalls(hostile);
    const { code, stdout, stderr } = await run('node', [path]);
    expect(readdirSync(canaries)).toEqual([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(upstream.requests).toHaveLength(2);
    expectFirstRequest(upstream.requests[0], s, finished);
    expectLiveResults(upstream.requests[1], finished);
    expect(stdout.trim().split('\n').pop()).toBe('Answer from 5 results.');
    expect(typescriptSkeleton(source)).toBe(typescriptSkeleton(exportCode(hostileScenario(plainText, finished), 'typescript')));
  });
});
