/**
 * Wire types of the scripted test upstream (e2e/upstream/server.mjs). A test scripts a queue of steps;
 * each POST /v1/chat/completions consumes the next one, and an empty queue falls back to a
 * deterministic echo model. The same objects travel as JSON through `POST /__script`, so every field
 * is plain data (no functions, no Infinity: `repeat: -1` means "forever").
 */

/** Fields every step accepts. */
export interface StepBase {
  /** How many requests this step serves: default 1; -1 = every request from now on. */
  repeat?: number;
  /** Stream steps: pause between events. Other steps: pause before answering. Default 0. */
  delayMs?: number;
  /** Extra response headers (names as given). */
  headers?: Record<string, string>;
  /**
   * Echo the key, as a careless provider or a debugging endpoint at the base URL might: every
   * `{{authorization}}` in the step (headers, bodies, chunks, fill) becomes the bearer token the
   * request carried, JSON-escaped.
   */
  reflectAuth?: boolean;
}

/** 200 (or `status`) with `body` as JSON, or `raw` as the exact body text (malformed JSON and the like). */
export interface CompletionStep extends StepBase {
  kind: 'completion';
  body?: unknown;
  raw?: string;
  status?: number;
  contentType?: string;
}

/** An SSE answer built from `chunks`, or `raw` as the exact body text. */
export interface StreamStep extends StepBase {
  kind: 'stream';
  /** Objects are JSON-stringified; strings are sent as they are, as the payload of one `data:` event. */
  chunks?: unknown[];
  /** Send `data: [DONE]` after the chunks. Default true. Ignored with `raw` or `cut`. */
  done?: boolean;
  /** End the connection after the chunks, without [DONE] or the chunked-encoding terminator. */
  cut?: boolean;
  raw?: string;
}

/** An error answer: objects go out as JSON, strings as they are (plain text unless `contentType`). */
export interface ErrorStep extends StepBase {
  kind: 'error';
  status: number;
  body: string | object;
  contentType?: string;
}

/** Never answers; the request is recorded with `aborted: true` once the client gives up. */
export interface HangStep extends StepBase {
  kind: 'hang';
}

export interface ToolCallSpec {
  name: string;
  /** Objects are JSON-stringified; strings are sent verbatim (so invalid JSON can be scripted). */
  arguments: object | string;
  /** Default `call_<request number>_<position>`. */
  id?: string;
}

/** Tool calls as a proper completion, or a proper stream when the request asked for one. */
export interface ToolCallsStep extends StepBase {
  kind: 'toolCalls';
  calls: ToolCallSpec[];
  /** Text the assistant says before calling. */
  content?: string;
  /** Default 'tool_calls'. */
  finishReason?: string;
}

/** A text answer as a proper completion, or a proper stream when the request asked for one. */
export interface TextStep extends StepBase {
  kind: 'text';
  content: string;
  /** Default 'stop'. */
  finishReason?: string;
}

/**
 * Bulk bytes, as fast as the client takes them: `prefix`, then `fill` repeated until `bytes` bytes of
 * it were sent (whole repetitions), then `suffix`. A 10 MB SSE line, a line that never ends
 * (`bytes: -1`, no newline in `fill`), a 200 MB body, a gzip bomb (`encoding: 'gzip'`), or an endless
 * stream of events (`fill` one whole `data: …\n\n` event) for a client that stops reading; the
 * request's record counts what was written. `delayMs` pauses between blocks of about 64 KB.
 */
export interface FloodStep extends StepBase {
  kind: 'flood';
  fill: string;
  /** Bytes of `fill` to send; -1: never stop (until the client goes away). */
  bytes: number;
  prefix?: string;
  suffix?: string;
  /** Default 200. */
  status?: number;
  /** Default `text/event-stream; charset=utf-8`. */
  contentType?: string;
  /** `gzip`: sent with Content-Encoding: gzip, one gzip member per 1 MB block of fill. */
  encoding?: 'gzip';
}

export type Step = CompletionStep | StreamStep | ErrorStep | HangStep | ToolCallsStep | TextStep | FloodStep;

/** One request the upstream received (control-API calls under `/__` are not recorded). */
export interface RecordedRequest {
  method: string;
  /** Path and query as received, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-cased names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /**
   * Parsed JSON when the body is JSON, the raw text otherwise, null when there is none. Typed `any`
   * so that tests can write `requests()[0].body.messages` without casts.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- on purpose, as said above
  body: any;
  /**
   * What answered: a step kind, 'default' (the echo model), 'models' (the default list), 'models:<kind>' (a models step), 'not-found', 'too-large' (over
   * 32 MB: 413), or 'pending' while the body is still arriving. After a bad script: 'error'.
   */
  servedBy: string;
  /** The client went away before the response ended. */
  aborted: boolean;
  /** Stream and flood steps: body bytes handed to the socket so far (compressed ones, with gzip). */
  bytesWritten: number;
  /** Stream and flood steps: the socket pushed back and the step waits for it to drain (the client is not reading). */
  waitingForDrain: boolean;
}

export interface StartOptions {
  port?: number;
  host?: string;
  /**
   * Every chat completion (a scripted step or the echo model) is answered this many ms late, before
   * its first byte, on top of any step's own delay: a model's fixed think time, for benchmarks.
   * Default 0; `setDelay` or `POST /__delay {"ms": n}` change it (a reset keeps it).
   */
  delayMs?: number;
}

export interface TestUpstream {
  /** Base URL to put in AIML_API_BASE_URL, e.g. `http://127.0.0.1:4010/v1`. */
  url: string;
  /** Origin of the control API, e.g. `http://127.0.0.1:4010`. */
  origin: string;
  port: number;
  /**
   * Replaces the queue. A malformed step throws a TypeError naming it and the field, and leaves the
   * queue answering every completion with 500 and that message until the next script or reset.
   */
  script(steps: Step[]): void;
  /**
   * Replaces the queue of GET /v1/models answers (completion, error, hang or flood steps; a
   * `completion`'s body is the list). Empty: the default list of six OpenAI-style models.
   */
  scriptModels(steps: Step[]): void;
  /** Snapshots of what was received, oldest first. */
  requests(): RecordedRequest[];
  /** Empties both queues and the record. */
  reset(): void;
  /** Sets the delay before every chat completion (StartOptions.delayMs). */
  setDelay(ms: number): void;
  /** Stops listening and drops every open connection (hanging ones included). */
  close(): Promise<void>;
}
