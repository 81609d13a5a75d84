/**
 * The browser's side of `POST /api/v1/chat/completions`: builds the request body from the scenario's
 * settings, streams the SSE reply through `lib/wire/sse.ts`, and ends in a value, never a throw: `{ status:
 * 'done' }`, or a `ChatError` that says what happened in words a person can act on. A stream that ends
 * without `[DONE]` is an error (cut off) even when nobody said so.
 */
import type { ChatCompletionChunk, ChatMessage, ChatRequest, ResponseFormat, Tool, ToolChoice } from './chat';
import { SseParser, type SseEvent } from './sse';
import { excerpt } from './excerpt';
import { setOwn } from '@/lib/util/json';

/** `interrupted`: the page went away (a reload) while the call was running; nothing came back. */
export type ChatErrorKind = 'http' | 'stream' | 'cut' | 'network' | 'aborted' | 'interrupted';

export interface ChatError {
  /** The HTTP status, or the one the error event carried; null when there was none (network, cut). */
  status: number | null;
  /** For a person: the upstream's own message when there is one. */
  message: string;
  kind: ChatErrorKind;
  code?: string | null;
}

export interface StreamDone {
  status: 'done';
}

export type StreamResult = StreamDone | ChatError;

export function isChatError(result: StreamResult): result is ChatError {
  return 'kind' in result;
}

export const CHAT_URL = '/api/v1/chat/completions';

export interface StreamOptions {
  signal?: AbortSignal;
  /** Every parsed `chat.completion.chunk`, in order. */
  onChunk?: (chunk: ChatCompletionChunk) => void;
  /** The response text exactly as it arrived, comment lines (`: upstream-raw …`) included. */
  onRaw?: (text: string) => void;
  /** The server's status and response headers, as soon as they arrive (an error's too). */
  onResponse?: (http: { status: number; headers: Record<string, string> }) => void;
  fetch?: typeof fetch;
  url?: string;
}

/** The settings a request is built from (a subset of the scenario). */
export interface RequestSettings {
  model: string;
  tools: readonly Tool[];
  tool_choice: ToolChoice;
  parallel_tool_calls: boolean;
  temperature: number | null;
  max_tokens: number | null;
  /** Left out (or text): the provider's default, plain text. */
  response_format?: ResponseFormat;
}

/**
 * The exact body sent. Tool settings go only with tools (OpenAI rejects `tool_choice` and
 * `parallel_tool_calls` without them); null temperature/max tokens mean the provider's default.
 */
export function buildChatRequest(settings: RequestSettings, messages: ChatMessage[]): ChatRequest {
  const body: ChatRequest = { model: settings.model, messages };
  if (settings.tools.length) {
    body.tools = settings.tools.map((tool) => tool);
    // A forced choice (required, or one named function) would make the model call again after every
    // result and the loop would never end: the call that follows tool results lets the model decide,
    // as the exported code does.
    const followsResults = messages[messages.length - 1]?.role === 'tool';
    body.tool_choice = followsResults && settings.tool_choice !== 'none' ? 'auto' : settings.tool_choice;
    body.parallel_tool_calls = settings.parallel_tool_calls;
  }
  if (settings.temperature != null) body.temperature = settings.temperature;
  if (settings.max_tokens != null) body.max_tokens = settings.max_tokens;
  if (settings.response_format && settings.response_format.type !== 'text') body.response_format = settings.response_format;
  body.stream = true;
  body.stream_options = { include_usage: true };
  return body;
}

const ABORTED: ChatError = { status: null, kind: 'aborted', message: 'Stopped: the reply was cancelled.' };

export async function streamChat(body: ChatRequest, options: StreamOptions = {}): Promise<StreamResult> {
  const { signal, onChunk, onRaw, onResponse } = options;
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.url ?? CHAT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-playground-inspect': '1' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted || isAbort(error)) return ABORTED;
    return {
      status: null,
      kind: 'network',
      message: `Could not reach the playground server (${errorText(error)}). Check that it is running, then retry.`,
    };
  }

  onResponse?.({ status: response.status, headers: headerRecord(response.headers) });
  if (!response.ok) return httpError(response, await safeText(response));
  if (!response.body) return { status: response.status, kind: 'stream', message: 'The server answered without a body.' };

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let outcome: StreamResult | null = null;

  const handle = (events: SseEvent[]): StreamResult | null => {
    for (const event of events) {
      if (event.data === '[DONE]') return { status: 'done' };
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return { status: null, kind: 'stream', message: `The server sent an event that is not JSON: ${preview(event.data)}` };
      }
      const error = errorOf(payload);
      if (error) return { ...error, kind: error.code === 'stream_incomplete' ? 'cut' : 'stream' };
      onChunk?.(payload as ChatCompletionChunk);
    }
    return null;
  };

  try {
    while (!outcome) {
      const { done, value } = await reader.read();
      if (done) {
        const tail = decoder.decode();
        if (tail) onRaw?.(tail);
        outcome = handle([...parser.push(tail), ...parser.flush()]);
        break;
      }
      const text = decoder.decode(value, { stream: true });
      onRaw?.(text);
      outcome = handle(parser.push(text));
    }
  } catch (error) {
    if (signal?.aborted || isAbort(error)) return ABORTED;
    return {
      status: null,
      kind: 'cut',
      message: `The connection broke before the reply finished (${errorText(error)}). The partial reply is kept; retry to ask again.`,
    };
  } finally {
    reader.cancel().catch(() => {});
  }
  if (signal?.aborted && (!outcome || isChatError(outcome))) return ABORTED;
  return (
    outcome ?? {
      status: null,
      kind: 'cut',
      message: 'The reply was cut off: the stream ended before it finished. The partial reply is kept; retry to ask again.',
    }
  );
}

/** `{ error: { message, code, status? } }` from a body or an SSE event, as a ChatError without its kind. */
function errorOf(payload: unknown): Omit<ChatError, 'kind'> | null {
  if (!payload || typeof payload !== 'object' || !('error' in payload)) return null;
  const error = (payload as { error: unknown }).error;
  if (typeof error === 'string') return { status: null, message: error, code: null };
  if (!error || typeof error !== 'object') return { status: null, message: 'The server reported an error.', code: null };
  const fields = error as Record<string, unknown>;
  const message = typeof fields.message === 'string' && fields.message ? fields.message : 'The server reported an error.';
  const code = typeof fields.code === 'string' ? fields.code : fields.code == null ? null : String(fields.code);
  const numeric = [fields.status, fields.code].find((v) => typeof v === 'number' && v >= 100 && v <= 599);
  return { status: typeof numeric === 'number' ? numeric : null, message, code };
}

function httpError(response: Response, text: string): ChatError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: use the text itself, or the status line.
  }
  const error = errorOf(parsed);
  const message = error?.message ?? (text.trim() ? preview(text) : response.statusText || 'Request failed.');
  return { status: response.status, kind: 'http', message, code: error?.code ?? null };
}

/** At most this many response headers are kept for the inspector. */
const MAX_HEADERS = 64;

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  headers.forEach((value, name) => {
    if (count++ < MAX_HEADERS) setOwn(out, name, value);
  });
  return out;
}

async function safeText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch {
    return '';
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const preview = (text: string) => excerpt(text, 300);

/** "403 — You've run out of credits…", or the message alone when there is no status. */
export function describeChatError(error: ChatError): string {
  return error.status != null ? `${error.status} — ${error.message}` : error.message;
}
