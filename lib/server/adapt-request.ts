import 'server-only';
/**
 * Requests adapted per provider: what the proxy changes in a validated request before it goes
 * upstream, because the provider behind the AI/ML API is known to reject it as asked. Pure: the same
 * request always gives the same adapted request and the same adaptations. Each change is said in words
 * (lib/inspector/adaptations.ts carries them to the inspector), so nobody wonders why what was sent is
 * not what was asked. The rules are chosen by `providerFamily(request.model)`; `other` (the offline
 * simulators and unknown ids) gets none. Message rules are in adapt-messages.ts, parameter rules in
 * adapt-params.ts; this file has the rules every named family shares and the table that picks them.
 */
import type { ChatRequest } from '@/lib/wire/chat';
import { PROVIDER_FAMILY_NAMES, providerFamily, type ProviderFamily } from '@/lib/wire/provider-family';
import type { Adaptation } from '@/lib/inspector/adaptations';
import { anthropicToolResultOrder, deepseekReasoning, mistralToolCallIds } from './adapt-messages';
import { plural, withoutReasoning, type Rule } from './adapt-rule';
import { geminiParallelToolCalls, openaiMaxCompletionTokens, openaiReasoningParallelToolCalls, openaiReasoningSampling } from './adapt-params';

export type { Adaptation } from '@/lib/inspector/adaptations';
export type { Rule, RuleResult } from './adapt-rule';

/**
 * `parallel_tool_calls` without tools. OpenAI answers 400 "Invalid value for 'parallel_tool_calls':
 * 'parallel_tool_calls' is only allowed when 'tools' are specified." (reported in
 * https://github.com/Upsonic/Upsonic/issues/323; the fix elsewhere: https://github.com/camel-ai/camel/pull/3706).
 * Without tools the setting means nothing, so dropping it changes no answer.
 */
export const parallelToolCallsWithoutTools: Rule = {
  rule: 'parallel-tool-calls-without-tools',
  apply(request) {
    if (request.parallel_tool_calls === undefined || (request.tools?.length ?? 0) > 0) return null;
    const { parallel_tool_calls: asked, ...rest } = request;
    return {
      request: rest,
      message: `Asked parallel_tool_calls: ${asked} with no tools; sent no parallel_tool_calls, since the API rejects it unless tools are specified (and without tools it changes nothing).`,
    };
  },
};

/**
 * `reasoning_content` on input messages, for every provider but DeepSeek. It is DeepSeek's field (its
 * thinking mode wants it back within tool-calling turns: adapt-messages.ts); OpenAI's Chat Completions
 * schema has no such field on messages (https://platform.openai.com/docs/api-reference/chat/create),
 * and strict OpenAI-compatible servers reject it: "messages.2.assistant.reasoning_content: property
 * 'messages.2.assistant.reasoning_content' is unsupported" (https://github.com/Kilo-Org/kilocode/issues/10375),
 * "unexpected property" at body.messages[3].reasoning_content (https://github.com/earendil-works/pi/issues/5476).
 * No other provider reads it back, so dropping it loses nothing they would use.
 */
export const reasoningContentDropped: Rule = {
  rule: 'reasoning-content-dropped',
  apply(request) {
    const result = withoutReasoning(request, () => true);
    if (!result) return null;
    return {
      request: result.request,
      message: `Asked with reasoning_content on ${plural(result.dropped, 'assistant message')}; sent without it: only DeepSeek reads reasoning back, and strict OpenAI-compatible servers reject the unknown field.`,
    };
  },
};

/** The rules of each family, in the order they run (each sees what the one before sent). */
const RULES: Record<ProviderFamily, readonly Rule[]> = {
  openai: [parallelToolCallsWithoutTools, openaiReasoningParallelToolCalls, openaiMaxCompletionTokens, openaiReasoningSampling, reasoningContentDropped],
  anthropic: [parallelToolCallsWithoutTools, anthropicToolResultOrder, reasoningContentDropped],
  gemini: [parallelToolCallsWithoutTools, geminiParallelToolCalls, reasoningContentDropped],
  mistral: [parallelToolCallsWithoutTools, mistralToolCallIds, reasoningContentDropped],
  deepseek: [parallelToolCallsWithoutTools, deepseekReasoning],
  qwen: [parallelToolCallsWithoutTools, reasoningContentDropped],
  meta: [parallelToolCallsWithoutTools, reasoningContentDropped],
  other: [],
};

/** The request to send for `request.model`'s provider, and what was changed to make it, in words. */
export function adaptRequest(request: ChatRequest): { request: ChatRequest; adaptations: Adaptation[] } {
  const family = providerFamily(request.model);
  const adaptations: Adaptation[] = [];
  let current = request;
  for (const { rule, apply } of RULES[family]) {
    const result = apply(current);
    if (!result) continue;
    current = result.request;
    adaptations.push({ provider: PROVIDER_FAMILY_NAMES[family], rule, message: result.message });
  }
  return { request: current, adaptations };
}
