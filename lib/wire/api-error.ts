/**
 * The OpenAI error envelope this app answers with, `{ "error": { message, type, code, param } }`, and the
 * status → type table. Framework-free so the page can read the same shape the server writes.
 */
import { isRecord } from '@/lib/util/json';

export interface ApiErrorObject {
  message: string;
  type: string;
  code: string | null;
  param: string | null;
}

export interface ApiErrorBody {
  error: ApiErrorObject;
}

/** What a route handler needs to answer with an error; `headers` only ever holds safe ones (Retry-After). */
export interface ApiErrorResult {
  status: number;
  body: ApiErrorBody;
  headers?: Record<string, string>;
}

/**
 * nginx's "client closed request". Marks an error caused by the person's own disconnect: the proxy
 * recognises it and sends nothing, since nobody is listening.
 */
export const CLIENT_CLOSED_REQUEST = 499;

const TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'payment_required',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  409: 'conflict_error',
  413: 'request_too_large',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
  499: 'client_closed_request',
  500: 'api_error',
  502: 'upstream_error',
  503: 'overloaded_error',
  504: 'timeout_error',
};

export function errorTypeForStatus(status: number): string {
  return TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export interface ApiErrorOptions {
  type?: string;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}

export function apiError(status: number, message: string, opts: ApiErrorOptions = {}): ApiErrorResult {
  const response: ApiErrorResult = {
    status,
    body: {
      error: {
        message,
        type: opts.type ?? errorTypeForStatus(status),
        code: opts.code ?? null,
        param: opts.param ?? null,
      },
    },
  };
  if (opts.headers && Object.keys(opts.headers).length > 0) response.headers = opts.headers;
  return response;
}

/** An upstream error read into our shape, plus the status it carried (AI/ML API's `statusCode`), if any. */
export interface UpstreamErrorInfo extends ApiErrorObject {
  status?: number;
}

type Obj = Record<string, unknown>;

function messageOf(o: Obj): string | undefined {
  for (const v of [o.message, o.detail, o.msg, o.error_description, o.error]) {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    // NestJS validation errors (the AI/ML API's framework) send a list of messages.
    if (Array.isArray(v) && v.length > 0) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('; ');
    if (isRecord(v)) return messageOf(v) ?? JSON.stringify(v);
  }
  return undefined;
}

function statusOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d{3}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 400 && n <= 599 ? n : undefined;
}

/**
 * Reads an error body in any of the shapes upstreams send: OpenAI's `{error:{message,type,code,param}}`,
 * `{error:"text"}` (Ollama), the AI/ML API's `{message,path,requestId,statusCode,timestamp}` (statusCode
 * may be a string), FastAPI's `{detail}`. Not redacted: callers do that.
 */
export function readUpstreamError(raw: unknown): UpstreamErrorInfo {
  const outer: Obj = isRecord(raw) ? raw : { message: typeof raw === 'string' ? raw : undefined };
  const e = isRecord(outer.error) ? outer.error : outer;
  const status = statusOf(e.status) ?? statusOf(e.statusCode) ?? statusOf(outer.status) ?? statusOf(outer.statusCode) ?? statusOf(e.code);
  return {
    message: messageOf(e) ?? messageOf(outer) ?? 'The model provider reported an error without a message.',
    type: typeof e.type === 'string' && e.type !== '' ? e.type : 'upstream_error',
    code: typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : null,
    param: typeof e.param === 'string' && e.param !== '' ? e.param : null,
    ...(status !== undefined ? { status } : {}),
  };
}
