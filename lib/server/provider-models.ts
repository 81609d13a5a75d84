import 'server-only';
/**
 * GET /api/v1/models/provider: the configured provider's own `GET /models`, asked with the server's
 * key. What comes back is untrusted input: read within the body limit and the timeout, bounded in
 * depth, checked with zod, cut to MAX_PROVIDER_MODELS ids that a chat request could send, and
 * redacted (an id that holds a secret is left out, never shown). Errors are mapped as chat's are.
 */
import { z } from 'zod';
import { nestedDeeperThan } from '@/lib/wire/json-depth';
import { MODEL_ID_PATTERN } from '@/lib/wire/chat-constants';
import { MAX_PROVIDER_MODELS, type ProviderModel, type ProviderModelList } from '@/lib/wire/models';
import { checkAccess, checkRateLimit, clientKey } from './access';
import { serverEnv } from './env';
import { errorResponse, jsonResponse } from './http';
import { errorContext, redactor, upstreamProvider } from './provider';
import { apiError, fromUpstreamError, upstreamPreview, type ApiErrorResult } from './upstream-errors';
import { limitResult, readBodyText, tooDeep, UpstreamLimitError } from './upstream-limits';

/** `owned_by` is a hint beside an id, never needed whole. */
const MAX_OWNER_CHARS = 64;

/** OpenAI's list shape; each entry is judged on its own, so one odd entry does not lose the list. */
const listSchema = z.object({ data: z.array(z.unknown()) });
const entrySchema = z.object({ id: z.string().regex(MODEL_ID_PATTERN), owned_by: z.string().optional() });

/** The provider's models, or the error that says why they could not be listed. */
export async function answerProviderModels(request: Request): Promise<Response> {
  const denied = (await checkAccess(request.headers)) ?? (await checkRateLimit(clientKey(request.headers)));
  if (denied) return errorResponse(denied);
  const provider = upstreamProvider();
  if (!provider) {
    return errorResponse(
      apiError(401, 'No API key is configured on the server, so the provider cannot be asked for its models. Set AIML_API_KEY on the server.', {
        code: 'no_api_key',
      }),
    );
  }
  const env = serverEnv();
  const abort = new AbortController();
  const stop = () => abort.abort();
  request.signal.addEventListener('abort', stop, { once: true });
  // The SDK's timeout ends with the headers: the whole answer, body included, gets one bound here.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, env.AIML_API_TIMEOUT_MS);
  try {
    const response = await provider.client.models.list({ signal: abort.signal }).asResponse();
    const text = await readBodyText(response, env.AIML_API_MAX_BODY_BYTES);
    return jsonResponse(200, JSON.stringify(readList(text)));
  } catch (error) {
    if (error instanceof ListError) return errorResponse(error.result);
    if (error instanceof UpstreamLimitError) return errorResponse(limitResult(error));
    if (timedOut) {
      return errorResponse(
        apiError(504, `The model provider did not list its models within ${env.AIML_API_TIMEOUT_MS} ms. Retry, or raise AIML_API_TIMEOUT_MS on the server.`, {
          code: 'upstream_timeout',
        }),
      );
    }
    return errorResponse(fromUpstreamError(error, errorContext()));
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', stop);
  }
}

/** An answer that is not a usable model list, with the error to send. */
class ListError extends Error {
  constructor(readonly result: ApiErrorResult) {
    super(result.body.error.message);
  }
}

const malformed = (what: string) =>
  new ListError(
    apiError(502, `The model provider's model list ${what}. Check that AIML_API_BASE_URL is the provider's OpenAI-compatible /v1 base URL.`, {
      code: 'upstream_malformed',
    }),
  );

/** The provider's answer as the list the page merges: valid, unique, secret-free ids, at most MAX_PROVIDER_MODELS. */
function readList(text: string): ProviderModelList {
  const hidden = redactor();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw malformed(`is not JSON: ${upstreamPreview(text, hidden)}`);
  }
  if (nestedDeeperThan(raw)) throw new ListError(limitResult(tooDeep('a model list')));
  const list = listSchema.safeParse(raw);
  if (!list.success) throw malformed('is not of the form { "data": [ { "id": … } ] }');
  const seen = new Set<string>();
  const data: ProviderModel[] = [];
  let leftOut = 0;
  for (const item of list.data.data) {
    const entry = entrySchema.safeParse(item);
    if (!entry.success || seen.has(entry.data.id) || hidden.has(entry.data.id) || data.length >= MAX_PROVIDER_MODELS) {
      leftOut += 1;
      continue;
    }
    seen.add(entry.data.id);
    const owner = hidden.text(entry.data.owned_by ?? '').slice(0, MAX_OWNER_CHARS);
    data.push({ id: entry.data.id, object: 'model', owned_by: owner });
  }
  return { object: 'list', data, left_out: leftOut };
}
