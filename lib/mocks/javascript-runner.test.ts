/** The page's side of a JavaScript mock: one worker per run, the time limit, the reply checked, never a rejection. */
import { describe, expect, it } from 'vitest';
import { MOCK_RESULT_MAX_CHARS, MOCK_TIME_LIMIT_MS, runJavaScriptMock, TIMED_OUT, type RunnerDeps, type SandboxWorker } from './javascript-runner';

const REQUEST = { source: '() => 1', args: {}, call: { id: 'call_1', name: 'f', arguments: '{}' } };

/** A fake worker and timer: the test decides what the worker says and when the time runs out. */
function fakes() {
  const workers: Array<SandboxWorker & { posted: unknown[]; terminated: boolean }> = [];
  const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
  const deps: RunnerDeps = {
    createWorker: () => {
      const worker = { posted: [] as unknown[], terminated: false, onmessage: null, onerror: null, postMessage(m: unknown) { this.posted.push(m); }, terminate() { this.terminated = true; } };
      workers.push(worker);
      return worker;
    },
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
  };
  return { deps, workers, timers };
}

describe('runJavaScriptMock', () => {
  it('hands the call to a fresh worker and ends it with the answer', async () => {
    const { deps, workers, timers } = fakes();
    const run = runJavaScriptMock(REQUEST, deps);
    expect(workers[0].posted).toEqual([REQUEST]);
    workers[0].onmessage!({ data: { ok: true, result: '{"t": 1}' } });
    expect(await run).toEqual({ ok: true, result: '{"t": 1}' });
    expect(workers[0].terminated).toBe(true);
    expect(timers[0].cleared).toBe(true);
    void runJavaScriptMock(REQUEST, deps);
    expect(workers).toHaveLength(2);
  });

  it('stops a mock that runs past the time limit: the worker is terminated and the card gets a message', async () => {
    const { deps, workers, timers } = fakes();
    const run = runJavaScriptMock(REQUEST, deps);
    expect(timers[0].ms).toBe(MOCK_TIME_LIMIT_MS);
    timers[0].run();
    expect(await run).toEqual({ ok: false, error: TIMED_OUT });
    expect(TIMED_OUT).toMatch(/^The JavaScript mock was stopped after 1 s/);
    expect(workers[0].terminated).toBe(true);
    // What the worker says afterwards changes nothing.
    workers[0].onmessage!({ data: { ok: true, result: 'late' } });
    expect(await run).toEqual({ ok: false, error: TIMED_OUT });
  });

  it('checks what the worker sends: the mock is the person\'s code, its answer is input', async () => {
    const answer = async (data: unknown) => {
      const { deps, workers } = fakes();
      const run = runJavaScriptMock(REQUEST, deps);
      workers[0].onmessage!({ data });
      return run;
    };
    expect(await answer({ ok: true, result: 'x'.repeat(MOCK_RESULT_MAX_CHARS + 1) })).toMatchObject({ ok: false });
    expect(await answer({ ok: true, result: 5 })).toMatchObject({ ok: false });
    expect(await answer('result')).toEqual({ ok: false, error: 'The JavaScript mock sent back something that is not a result.' });
    expect(await answer({ ok: false, error: 'e'.repeat(5000) })).toEqual({ ok: false, error: 'e'.repeat(2000) });
  });

  it('a worker that fails or cannot start is a message, never a rejection', async () => {
    const { deps, workers } = fakes();
    const run = runJavaScriptMock(REQUEST, deps);
    let prevented = false;
    workers[0].onerror!({ message: 'Uncaught SyntaxError', preventDefault: () => (prevented = true) });
    expect(await run).toEqual({ ok: false, error: 'The JavaScript mock failed: Uncaught SyntaxError' });
    expect(prevented).toBe(true);
    const broken: RunnerDeps = { ...deps, createWorker: () => { throw new Error('Worker is not defined'); } };
    expect(await runJavaScriptMock(REQUEST, broken)).toEqual({ ok: false, error: 'The page could not start a worker for the JavaScript mock (Worker is not defined).' });
  });
});
