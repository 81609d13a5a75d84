import 'server-only';
import type { ApiErrorResult } from '@/lib/wire/api-error';

/**
 * What deeper code learns about the request it serves, for its log line and the metrics
 * (observed.ts writes both when the response has ended). Only counts, names and codes: never content.
 */
export interface RequestRecord {
  readonly id: string;
  /** The model called, as the validated request named it. */
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
  /** From sending the model call to its reply's end (a stream's last event). */
  modelCallMs?: number;
  /** The error the model call ended with (what the client was answered, or the stream's error event). */
  upstreamError?: { code: string | null; status: number };
}

/** One model call, reported once: `done` with the usage the provider reported, or `failed`. */
export interface ModelCall {
  done(usage?: { prompt_tokens?: number; completion_tokens?: number } | null): void;
  /** Returns the error, so a caller writes `errorResponse(call.failed(error))`. */
  failed(error: ApiErrorResult): ApiErrorResult;
}

// Keyed by the Request itself, not an AsyncLocalStorage: on Node 20 each one enabled makes every
// promise of the process dearer, and the chat route makes many. On globalThis: every route bundle of
// the process must see the records observed() made.
const KEY = Symbol.for('function-calling-playground/request-records');
const records: WeakMap<Request, RequestRecord> = ((globalThis as { [KEY]?: WeakMap<Request, RequestRecord> })[KEY] ??= new WeakMap());

export function recordRequest(request: Request, record: RequestRecord): void {
  records.set(request, record);
}

/** The record of a request observed() serves, or undefined outside it (scripts, tests of deeper code). */
export function requestRecord(request: Request): RequestRecord | undefined {
  return records.get(request);
}

/** Starts timing a model call of the request whose record this is (none: nothing is noted). */
export function startModelCall(record: RequestRecord | undefined, model: string): ModelCall {
  if (record) record.model = model;
  const started = performance.now();
  let open = record !== undefined;
  const end = () => {
    if (!open || !record) return false;
    open = false;
    record.modelCallMs = performance.now() - started;
    return true;
  };
  return {
    done(usage) {
      if (!end() || !record || !usage) return;
      if (typeof usage.prompt_tokens === 'number') record.promptTokens = usage.prompt_tokens;
      if (typeof usage.completion_tokens === 'number') record.completionTokens = usage.completion_tokens;
    },
    failed(error) {
      if (end() && record) record.upstreamError = { code: error.body.error.code, status: error.status };
      return error;
    },
  };
}
