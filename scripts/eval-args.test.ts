import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, parseEvalArgs } from './eval-args';
import { progressLine } from './eval-progress';

const parse = (line: string, env: Record<string, string> = {}) => parseEvalArgs(line.split(' ').filter(Boolean), env);

describe('parseEvalArgs', () => {
  it('reads every option, in both spellings, with defaults', () => {
    expect(parse('cases.json --models gpt-4o,offline-simulator --answers=a.json --concurrency 8 --out r.json --junit=r.xml --min-pass 0.9 --base-url http://h:1/v1/')).toEqual({
      ok: true,
      args: { input: 'cases.json', answers: 'a.json', models: ['gpt-4o', 'offline-simulator'], baseUrl: 'http://h:1/v1', apiKey: null, concurrency: 8, out: 'r.json', junit: 'r.xml', minPass: 0.9 },
    });
    expect(parse('s.json --models m')).toMatchObject({ ok: true, args: { baseUrl: DEFAULT_BASE_URL, concurrency: 4, minPass: null, out: null } });
  });
  it('takes the key from --api-key, else OPENAI_API_KEY, else PLAYGROUND_ACCESS_TOKEN', () => {
    expect(parse('s.json --models m --api-key k1', { OPENAI_API_KEY: 'k2' })).toMatchObject({ args: { apiKey: 'k1' } });
    expect(parse('s.json --models m', { OPENAI_API_KEY: 'k2', PLAYGROUND_ACCESS_TOKEN: 'k3' })).toMatchObject({ args: { apiKey: 'k2' } });
    expect(parse('s.json --models m', { PLAYGROUND_ACCESS_TOKEN: 'k3' })).toMatchObject({ args: { apiKey: 'k3' } });
  });
  it('says what is wrong', () => {
    const error = (line: string) => {
      const parsed = parse(line);
      return parsed.ok === false ? parsed.error : null;
    };
    expect(error('--models m')).toMatch(/^Name the file to evaluate/);
    expect(error('a b --models m')).toBe('One file to evaluate, not 2: a b');
    expect(error('a')).toMatch(/^--models is required/);
    expect(error('a --models bad!id')).toMatch(/"bad!id" is not a model id/);
    expect(error('a --models a,b,c,d,e,f,g')).toBe('--models names 7 models; at most 6');
    expect(error('a --models m,m')).toBe('--models names a model twice');
    expect(error('a --models m --concurrency 0')).toMatch(/^--concurrency must be a whole number from 1 to 32/);
    expect(error('a --models m --concurrency 2.5')).toMatch(/^--concurrency must be/);
    expect(error('a --models m --min-pass 1.5')).toMatch(/^--min-pass must be a pass rate from 0 to 1/);
    expect(error('a --models m --base-url ftp://x')).toBe('--base-url must be http or https, not ftp:');
    expect(error('a --models m --base-url nope')).toMatch(/is not a URL/);
    expect(error('a --models m --frobnicate 1')).toBe('Unknown option --frobnicate');
    expect(error('a --models')).toBe('--models needs a value');
    expect(error('a --out --models m')).toBe('--out needs a value');
    expect(error('a --models m --models n')).toBe('--models is given twice');
    expect(parse('a --help')).toEqual({ ok: 'help' });
  });
});

describe('progressLine', () => {
  it('shows the counts, with a bar on a terminal', () => {
    const entry = { model: 'gpt-4o', done: 5, passed: 3, failed: 1, errors: 1 };
    expect(progressLine(entry, 10, 8, true)).toBe('gpt-4o    [############............]   5/10  passed 3  failed 1  errors 1');
    expect(progressLine(entry, 10, 6, false)).toBe('gpt-4o   5/10  passed 3  failed 1  errors 1');
  });
});
