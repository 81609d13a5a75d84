/**
 * The code of the Web Worker a JavaScript mock runs in (./javascript-runner.ts starts it from a Blob
 * URL). Before any mock's code exists, it takes away from its global scope everything that reaches
 * outside the worker — network (`fetch`, `XMLHttpRequest`, `WebSocket`, `EventSource`, `WebTransport`),
 * loading code (`importScripts`), storage (`indexedDB`, `caches`), other contexts (`Worker`,
 * `BroadcastChannel`, `postMessage`), `navigator` — each replaced by a getter that throws a message the
 * card shows. It keeps its own `postMessage` for the one answer, and catches every error, later ones
 * (a timer's) included, so that none reaches the page's console. A blob worker also keeps the page's
 * Content-Security-Policy (connect-src 'self', script-src 'self'): even code that found a way round the
 * guards could reach no other origin.
 *
 * `sandboxMain` is written as one self-contained function so that its source can be the worker's
 * (`SANDBOX_WORKER_SOURCE`) and its guards can be tested in Node (sandbox-worker.test.ts runs that very
 * text in a `vm` context). It must not refer to anything outside itself.
 */

/** What a mock may not use, and why the card says so. */
export const BLOCKED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'caches',
  'Worker',
  'SharedWorker',
  'BroadcastChannel',
  'navigator',
  'postMessage',
  'close',
] as const;

/** The request the page sends: the mock's source (an expression that is a function), the arguments and the call. */
export interface SandboxRequest {
  source: string;
  args: unknown;
  call: { id: string; name: string; arguments: string };
}

/** The worker's one answer. */
export type SandboxReply = { ok: true; result: string } | { ok: false; error: string };

function sandboxMain(scope: Record<string, unknown>, blocked: readonly string[], maxChars: number): void {
  'use strict';
  const post = (scope.postMessage as (message: unknown) => void).bind(scope);
  let answered = false;
  /** Why no mock may run here (set once the guards are in place); null: the sandbox is sealed. */
  let sealed: string | null = 'The sandbox is not ready.';
  const reply = (message: SandboxReply) => {
    if (answered) return;
    answered = true;
    post(message);
  };
  const describe = (error: unknown): string => {
    try {
      if (error instanceof Error) return `${error.name}: ${error.message}`;
      return `it threw ${typeof error === 'string' ? error : JSON.stringify(error)}`;
    } catch {
      return 'it threw something that cannot be shown';
    }
  };

  // Listeners, not `onmessage`/`onerror`: a mock can replace a handler property, never remove a listener it has no reference to.
  const listen = scope.addEventListener as (type: string, listener: (event: never) => void) => void;
  listen.call(scope, 'error', (event: { message: string; preventDefault: () => void }) => {
    event.preventDefault();
    reply({ ok: false, error: `The mock failed: ${event.message}` });
  });
  listen.call(scope, 'unhandledrejection', (event: { reason: unknown; preventDefault: () => void }) => {
    event.preventDefault();
    reply({ ok: false, error: `The mock failed: ${describe(event.reason)}` });
  });
  listen.call(scope, 'message', (event: { data: SandboxRequest }) => {
    if (sealed !== null) {
      reply({ ok: false, error: sealed });
      return;
    }
    const { source, args, call } = event.data;
    let mock: unknown;
    try {
      mock = new Function(`"use strict";\nreturn (\n${source}\n);`)();
    } catch (error) {
      reply({ ok: false, error: `The mock is not valid JavaScript (${describe(error)}).` });
      return;
    }
    if (typeof mock !== 'function') {
      reply({ ok: false, error: 'The mock must be a function, such as (args, call) => ({ temperature: 20 }).' });
      return;
    }
    Promise.resolve()
      .then(() => (mock as (args: unknown, call: unknown) => unknown)(args, call))
      .then((value) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        if (typeof text !== 'string') {
          reply({ ok: false, error: `The mock returned ${String(value)}: return a JSON value or a string.` });
        } else if (text.length > maxChars) {
          reply({ ok: false, error: `The mock's result has ${text.length} characters; a result may have at most ${maxChars}.` });
        } else {
          reply({ ok: true, result: text });
        }
      })
      .catch((error: unknown) => reply({ ok: false, error: `The mock failed: ${describe(error)}` }));
  });

  // Each name goes from the scope and from every prototype it could be found on again. A name that
  // cannot be taken away leaves the sandbox open: then no mock runs at all (fail closed).
  const open: string[] = [];
  for (const name of blocked) {
    try {
      for (let holder: object | null = scope; holder !== null; holder = Object.getPrototypeOf(holder)) {
        const descriptor = Object.getOwnPropertyDescriptor(holder, name);
        if (descriptor?.configurable) delete (holder as Record<string, unknown>)[name];
      }
      Object.defineProperty(scope, name, {
        get() {
          throw new Error(`${name} is not available to a mock: it runs with no network, no storage and no other code`);
        },
        configurable: false,
      });
    } catch {
      open.push(name);
    }
  }
  sealed = open.length === 0 ? null : `The JavaScript mock did not run: this browser would not let the sandbox take away ${open.join(', ')}.`;
}

/** The worker's whole source: `sandboxMain` applied to the worker's own scope. */
export function sandboxWorkerSource(maxChars: number): string {
  return `(${sandboxMain.toString()})(globalThis, ${JSON.stringify(BLOCKED_GLOBALS)}, ${JSON.stringify(maxChars)});`;
}
