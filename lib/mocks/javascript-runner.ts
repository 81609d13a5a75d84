/**
 * Runs a JavaScript mock `(args, call) => result` for one tool call, in a fresh sandboxed Web Worker
 * (./sandbox-worker.ts) from a Blob URL: no DOM, no network, no storage. Each run has its own worker,
 * so no state passes between calls; past MOCK_TIME_LIMIT_MS the worker is terminated (an endless loop
 * cannot hold the page) and the run ends with a message. Never rejects: every failure is a message for
 * the tool call's card.
 */
import { sandboxWorkerSource, type SandboxReply, type SandboxRequest } from './sandbox-worker';

export const MOCK_TIME_LIMIT_MS = 1_000;
/** Longest result a JavaScript mock may give, in characters (JSON-stringified when it is not a string). */
export const MOCK_RESULT_MAX_CHARS = 100_000;

export type MockRun = SandboxReply;

/** The part of a Worker the runner uses. */
export interface SandboxWorker {
  postMessage(message: SandboxRequest): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null;
}

export interface RunnerDeps {
  createWorker: () => SandboxWorker;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

let workerUrl: string | null = null;

/** A real Worker from one Blob URL, made on first use and kept (it is the same code for every run). */
function browserWorker(): SandboxWorker {
  workerUrl ??= URL.createObjectURL(new Blob([sandboxWorkerSource(MOCK_RESULT_MAX_CHARS)], { type: 'text/javascript' }));
  return new Worker(workerUrl, { name: 'JavaScript mock' }) as unknown as SandboxWorker;
}

const BROWSER: RunnerDeps = {
  createWorker: browserWorker,
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export const TIMED_OUT = `The JavaScript mock was stopped after ${MOCK_TIME_LIMIT_MS / 1000} s, the time a mock may take (does it loop forever?). Type the result, or change the mock.`;

/** What the worker sent, checked: it runs the person's code, so its answer is input like any other. */
function readReply(data: unknown): MockRun {
  if (typeof data === 'object' && data !== null) {
    const reply = data as Record<string, unknown>;
    if (reply.ok === true && typeof reply.result === 'string' && reply.result.length <= MOCK_RESULT_MAX_CHARS) return { ok: true, result: reply.result };
    if (reply.ok === false && typeof reply.error === 'string') return { ok: false, error: reply.error.slice(0, 2_000) };
  }
  return { ok: false, error: 'The JavaScript mock sent back something that is not a result.' };
}

export function runJavaScriptMock(request: SandboxRequest, deps: RunnerDeps = BROWSER): Promise<MockRun> {
  return new Promise((resolve) => {
    let worker: SandboxWorker;
    try {
      worker = deps.createWorker();
    } catch (error) {
      resolve({ ok: false, error: `The page could not start a worker for the JavaScript mock (${error instanceof Error ? error.message : String(error)}).` });
      return;
    }
    let done = false;
    const finish = (run: MockRun) => {
      if (done) return;
      done = true;
      deps.clearTimer(timer);
      worker.terminate();
      resolve(run);
    };
    const timer = deps.setTimer(() => finish({ ok: false, error: TIMED_OUT }), MOCK_TIME_LIMIT_MS);
    worker.onmessage = (event) => finish(readReply(event.data));
    worker.onerror = (event) => {
      event.preventDefault();
      finish({ ok: false, error: `The JavaScript mock failed: ${event.message ?? 'its worker stopped'}` });
    };
    try {
      worker.postMessage(request);
    } catch (error) {
      // Arguments a worker cannot receive cannot come from JSON; this is a safety net, not a path.
      finish({ ok: false, error: `The call could not be handed to the JavaScript mock (${error instanceof Error ? error.message : String(error)}).` });
    }
  });
}
