/**
 * `npm run eval` as CI runs it: the command line against the production build (`next build` first),
 * which forwards to the scripted test upstream. Scripted answers make some cases pass, one fail, one
 * error and one wait out a 429; results.json, the JUnit file and the exit code (following --min-pass)
 * are what the test reads. A BFCL file runs two models side by side on the upstream's echo model.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestUpstream, type TestUpstream } from '../e2e/upstream/server.mjs';
import { startApp, type RunningApp } from './support/app';

let upstream: TestUpstream;
let app: RunningApp;
let dir: string;

beforeAll(async () => {
  upstream = await startTestUpstream({ port: 0 });
  // The CLI makes many calls a minute: the per-client rate limit is for people's browsers.
  app = await startApp({ AIML_API_KEY: 'sk-eval-cli-test', AIML_API_BASE_URL: upstream.url, PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0' });
  dir = mkdtempSync(path.join(tmpdir(), 'eval-cli-'));
});
afterAll(async () => {
  await app?.stop();
  await upstream?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => upstream.reset());

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'eval', '--', ...args], { env: { ...process.env, OPENAI_API_KEY: '', PLAYGROUND_ACCESS_TOKEN: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => (stdout += data));
    child.stderr.on('data', (data) => (stderr += data));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const weatherTool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const weatherCase = (id: string, city: string, extra: Record<string, unknown> = {}) => ({
  id,
  messages: [{ role: 'user', content: `Weather in ${city}?` }],
  expect: { calls: [{ name: 'get_weather', arguments: { city: { kind: 'equals', value: city } } }], ...extra },
});
const scenario = {
  version: 2,
  name: 'Weather cases',
  system: 'Answer briefly.',
  tools: [weatherTool],
  mocks: { get_weather: { kind: 'rules', rules: [{ when: '{"city": "Paris"}', result: '{"sky": "sunny"}' }], default: '{"sky": "grey"}' } },
  test_cases: [weatherCase('paris', 'Paris'), weatherCase('rome', 'Rome'), weatherCase('berlin', 'Berlin'), weatherCase('paris-answer', 'Paris', { answer_mentions: ['sunny'] }), weatherCase('oslo', 'Oslo')],
};
const call = (city: string) => ({ kind: 'toolCalls', calls: [{ name: 'get_weather', arguments: { city } }] });

/** In case order (concurrency 1): a 429 then a pass, a fail, a pass, a pass through its final answer, an error. */
const SCRIPT = [
  { kind: 'error', status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Slow down', type: 'rate_limit' } } },
  call('Paris'),
  call('Milan'),
  call('Berlin'),
  call('Paris'),
  { kind: 'text', content: 'It is sunny in Paris.' },
  { kind: 'error', status: 500, body: { error: { message: 'The model is down', type: 'server_error' } } },
];

describe('npm run eval', () => {
  it('scores a scenario through the app, writes results.json and JUnit, and exits 0 at or above --min-pass', async () => {
    const file = path.join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario, null, 2));
    upstream.script(SCRIPT as never);
    const out = path.join(dir, 'results.json');
    const junit = path.join(dir, 'junit', 'results.xml');
    const run = await runCli([file, '--models', 'gpt-4o', '--base-url', `${app.url}/api/v1`, '--concurrency', '1', '--out', out, '--junit', junit, '--min-pass', '0.6']);
    expect(run.stderr).not.toMatch(/below --min-pass/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/gpt-4o\s+3\s+1\s+1\s+60\.0%/);

    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.models).toHaveLength(1);
    const [model] = results.models;
    expect(model).toMatchObject({ model: 'gpt-4o', passed: 3, failed: 1, errors: 1, total: 5 });
    expect(model.cases.map((c: { id: string; pass: boolean }) => [c.id, c.pass])).toEqual([
      ['paris', true],
      ['rome', false],
      ['berlin', true],
      ['paris-answer', true],
      ['oslo', false],
    ]);
    expect(model.cases[1]).toMatchObject({ calls: [{ name: 'get_weather', arguments: { city: 'Milan' } }], reasons: ['get_weather: city is "Milan", expected "Rome"'] });
    // The app says whose failure it was, and keeps the provider's own words.
    expect(model.cases[4].error).toMatch(/^500 — The model provider failed \(500\): The model is down\./);
    expect(model.cases[0].first_token_ms).toEqual(expect.any(Number));

    // What reached the upstream: streamed requests with the tools and the system prompt; the mock's result for the answer case.
    const bodies = upstream.requests().map((request) => request.body);
    expect(bodies).toHaveLength(7);
    expect(bodies[1]).toMatchObject({ model: 'gpt-4o', stream: true, tools: [weatherTool], messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Weather in Paris?' }] });
    expect(bodies[5].messages.at(-1)).toMatchObject({ role: 'tool', content: '{"sky": "sunny"}' });

    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<testsuite name="gpt-4o" tests="5" failures="1" errors="1"');
    expect(xml).toContain('<failure message="get_weather: city is &quot;Milan&quot;, expected &quot;Rome&quot;" type="expectation not met">');
    expect(xml).toMatch(/<error message="500 — The model provider failed \(500\): The model is down\.[^"]*" type="model call failed">/);
    expect(xml.match(/<testcase /g)).toHaveLength(5);
  });

  it('exits 1 below --min-pass, saying which model', async () => {
    const file = path.join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario));
    upstream.script(SCRIPT.slice(1) as never);
    const run = await runCli([file, '--models', 'gpt-4o', '--base-url', `${app.url}/api/v1`, '--concurrency', '1', '--min-pass', '0.9']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('eval: gpt-4o passed 3 of 5, below --min-pass 0.9');
  });

  it('runs BFCL questions with their answers on models side by side, reporting the dataset names', async () => {
    const corpus = path.resolve(process.cwd(), '../shared/corpus/bfcl');
    const questions = readFileSync(path.join(corpus, 'BFCL_v4_parallel.json'), 'utf8').split('\n').slice(0, 3).join('\n');
    const file = path.join(dir, 'bfcl.json');
    writeFileSync(file, questions);
    const out = path.join(dir, 'bfcl-results.json');
    const run = await runCli([file, '--answers', path.join(corpus, 'possible_answer', 'BFCL_v4_parallel.json'), '--models', 'gpt-4o,gpt-4o-mini', '--base-url', `${app.url}/api/v1`, '--concurrency', '2', '--out', out, '--min-pass', '0.5']);
    // The echo model calls one function with placeholder arguments: every case fails.
    expect(run.code).toBe(1);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.models.map((m: { model: string; failed: number; total: number }) => [m.model, m.failed, m.total])).toEqual([
      ['gpt-4o', 3, 3],
      ['gpt-4o-mini', 3, 3],
    ]);
    const first = results.models[0].cases[0];
    expect(first).toMatchObject({ id: 'parallel_0', pass: false, calls: [{ name: 'spotify.play', arguments: { artist: 'test', duration: 1 } }] });
    expect(first.reasons[0]).toBe('Expected 2 tool calls, the model made 1 call');
  });

  it('exits 2 on a usage error, with a clear message', async () => {
    const run = await runCli([path.join(dir, 'scenario.json'), '--models', 'gpt-4o', '--min-pass', '90']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('eval: --min-pass must be a pass rate from 0 to 1 (e.g. 0.9), not "90"');
    expect(run.stderr).toContain('Usage: npm run eval --');
    const missing = await runCli([path.join(dir, 'nothing.json'), '--models', 'gpt-4o']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });

  it('the test upstream answers after its delay, for the benchmark', async () => {
    upstream.setDelay(150);
    try {
      const started = performance.now();
      const response = await fetch(`${upstream.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }) });
      await response.text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    } finally {
      upstream.setDelay(0);
    }
  });
});
