import 'server-only';
/**
 * Request adaptations of top-level parameters (adapt-request.ts picks them per provider): the ones
 * OpenAI's reasoning models and Gemini's OpenAI compatibility layer are known to reject.
 */
import type { ChatRequest } from '@/lib/wire/chat';
import { listed, type Rule } from './adapt-rule';

/** OpenAI's o-series reasoning models: o1, o1-mini, o3, o3-mini, o4-mini (with a date, an `openai/` prefix). */
const O_SERIES = /(^|\/)o\d+(-|$)/i;
/** GPT-5 and later, reasoning models too where max_tokens is concerned. */
const GPT_5 = /(^|\/)gpt-5/i;

export const isOpenAiReasoningModel = (model: string) => O_SERIES.test(model);

/**
 * `parallel_tool_calls` on an o-series model: "Unsupported parameter: 'parallel_tool_calls' is not
 * supported with this model." (o4-mini-2025-04-16: https://github.com/evalstate/fast-agent/issues/279;
 * o3-mini: https://github.com/langchain-ai/langchain/issues/29704; o3 and o4-mini are listed as not
 * supporting it in https://github.com/langchain-ai/langgraph-supervisor-py/pull/125). Dropped: the model
 * then decides how many calls to make, which the message says.
 */
export const openaiReasoningParallelToolCalls: Rule = {
  rule: 'openai-reasoning-parallel-tool-calls',
  apply(request) {
    if (request.parallel_tool_calls === undefined || !isOpenAiReasoningModel(request.model)) return null;
    const { parallel_tool_calls: asked, ...rest } = request;
    return {
      request: rest,
      message: `Asked parallel_tool_calls: ${asked}; sent none, because ${request.model} (an o-series reasoning model) rejects the parameter. The model decides how many calls to make in a turn.`,
    };
  },
};

/**
 * `max_tokens` on an o-series or GPT-5 model: "Unsupported parameter: 'max_tokens' is not supported
 * with this model. Use 'max_completion_tokens' instead." (https://github.com/openai/openai-python/issues/2046,
 * o1; https://github.com/teilomillet/gollm/issues/33, o1 and o3-mini; gpt-5.4:
 * https://github.com/koosoli/ESPHomeDesigner/issues/379). OpenAI's reference: max_tokens "is not
 * compatible with o-series models" (https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_tokens).
 * Sent as max_completion_tokens (unless that was asked too: then it wins).
 */
export const openaiMaxCompletionTokens: Rule = {
  rule: 'openai-max-completion-tokens',
  apply(request) {
    if (request.max_tokens === undefined || !(O_SERIES.test(request.model) || GPT_5.test(request.model))) return null;
    const { max_tokens: asked, ...rest } = request;
    const both = rest.max_completion_tokens !== undefined;
    return {
      request: both ? rest : { ...rest, max_completion_tokens: asked },
      message: both
        ? `Asked max_tokens: ${asked} and max_completion_tokens: ${rest.max_completion_tokens}; sent only max_completion_tokens, because ${request.model} rejects max_tokens.`
        : `Asked max_tokens: ${asked}; sent max_completion_tokens: ${asked}, because ${request.model} rejects max_tokens and takes max_completion_tokens instead.`,
    };
  },
};

/**
 * `temperature` and `top_p` other than 1 on an o-series model: "Unsupported value: 'temperature' does
 * not support 0.2 with this model. Only the default (1) value is supported." (o1-mini/o1-preview:
 * https://github.com/cline/cline/issues/341; o3: https://github.com/BeehiveInnovations/pal-mcp-server/issues/78),
 * and for o3-mini "Unsupported parameter: 'temperature' is not supported with this model."
 * (https://github.com/tarasglek/chatcraft.org/issues/852); top_p likewise
 * (https://github.com/openai/openai-python/issues/2072). Dropped: the model samples at its default.
 */
export const openaiReasoningSampling: Rule = {
  rule: 'openai-reasoning-sampling',
  apply(request) {
    if (!isOpenAiReasoningModel(request.model)) return null;
    const asked: string[] = [];
    const rest: ChatRequest = { ...request };
    if (rest.temperature !== undefined) {
      asked.push(`temperature: ${rest.temperature}`);
      delete rest.temperature;
    }
    if (rest.top_p !== undefined) {
      asked.push(`top_p: ${rest.top_p}`);
      delete rest.top_p;
    }
    if (asked.length === 0) return null;
    return {
      request: rest,
      message: `Asked ${listed(asked)}; sent without ${asked.length === 1 ? 'it' : 'them'}, because ${request.model} (an o-series reasoning model) rejects sampling settings and samples at its default.`,
    };
  },
};

/**
 * `parallel_tool_calls` on Gemini through an OpenAI compatibility layer: Google's endpoint answered
 * 400 "Invalid JSON payload received. Unknown name \"parallel_tool_calls\": Cannot find field."
 * (https://github.com/jackmpcollins/magentic/pull/382) and "Parallel tool calls are not supported."
 * (https://github.com/TheAgenticAI/TheAgenticBrowser/issues/4); Google's compatibility page lists what it
 * supports (https://ai.google.dev/gemini-api/docs/openai). Dropped: Gemini decides how many calls to make.
 */
export const geminiParallelToolCalls: Rule = {
  rule: 'gemini-parallel-tool-calls',
  apply(request) {
    if (request.parallel_tool_calls === undefined) return null;
    const { parallel_tool_calls: asked, ...rest } = request;
    return {
      request: rest,
      message: `Asked parallel_tool_calls: ${asked}; sent none, because Gemini's OpenAI-compatible API rejects the parameter. The model decides how many calls to make in a turn.`,
    };
  },
};
