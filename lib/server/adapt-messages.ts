import 'server-only';
/**
 * Request adaptations that rewrite the conversation itself (adapt-request.ts picks them per provider):
 * Mistral's tool call ids, Anthropic's tool result order, DeepSeek's reasoning_content.
 */
import type { ChatMessage } from '@/lib/wire/chat';
import { hashText } from '@/lib/util/hash';
import { listed, plural, withoutReasoning, type Rule } from './adapt-rule';

const MISTRAL_ID = /^[a-zA-Z0-9]{9}$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Nine letters and digits derived from `seed` alone (so the same id is rewritten the same way every request). */
function nineCharacters(seed: string): string {
  let out = '';
  for (let i = 0; i < 9; i++) out += ALPHANUMERIC[parseInt(hashText(`${seed}:${i}`).slice(0, 8), 16) % ALPHANUMERIC.length];
  return out;
}

/**
 * Mistral accepts only tool call ids of exactly nine letters and digits, and answers 400 for any other
 * when the conversation is sent back: "Tool call id was call_PTLP8xhu3uwZk4l3nlnrrJha but must be a-z,
 * A-Z, 0-9, with a length of 9." (https://github.com/anomalyco/opencode/issues/1680; the same with code
 * 3280, https://github.com/nearai/ironclaw/issues/1241; LangChain translates ids the same way,
 * https://github.com/langchain-ai/langchain/pull/24668). Every other id — from another model, the
 * simulator, or typed by hand — is rewritten, in the assistant's tool_calls and in the tool messages
 * that answer them alike; an id derived from the old one alone, so the next request rewrites it the
 * same, and never one already in use.
 */
export const mistralToolCallIds: Rule = {
  rule: 'mistral-tool-call-ids',
  apply(request) {
    const taken = new Set<string>();
    const all: string[] = [];
    for (const m of request.messages) {
      if (m.role === 'assistant') for (const call of m.tool_calls ?? []) all.push(call.id);
      if (m.role === 'tool') all.push(m.tool_call_id);
    }
    for (const id of all) if (MISTRAL_ID.test(id)) taken.add(id);
    if (all.every((id) => MISTRAL_ID.test(id))) return null;
    const renamed = new Map<string, string>();
    const idFor = (id: string): string => {
      if (MISTRAL_ID.test(id)) return id;
      let next = renamed.get(id);
      if (next === undefined) {
        for (let attempt = 0; next === undefined || taken.has(next); attempt++) next = nineCharacters(`${id}#${attempt}`);
        taken.add(next);
        renamed.set(id, next);
      }
      return next;
    };
    const messages = request.messages.map((m): ChatMessage => {
      if (m.role === 'assistant' && m.tool_calls?.some((call) => !MISTRAL_ID.test(call.id))) {
        return { ...m, tool_calls: m.tool_calls.map((call) => ({ ...call, id: idFor(call.id) })) };
      }
      if (m.role === 'tool' && !MISTRAL_ID.test(m.tool_call_id)) return { ...m, tool_call_id: idFor(m.tool_call_id) };
      return m;
    });
    const pairs = [...renamed].map(([from, to]) => `${from} → ${to}`);
    return {
      request: { ...request, messages },
      message: `Asked with ${plural(renamed.size, 'tool call id')} Mistral rejects (it takes exactly 9 letters and digits); sent ${listed(pairs)}, in the calls and their results alike.`,
    };
  },
};

/**
 * Anthropic needs each tool result in the message right after the assistant message that called the
 * tool, and answers 400 otherwise: "messages.22: `tool_use` ids were found without `tool_result` blocks
 * immediately after: toolu_01…. Each `tool_use` block must have a corresponding `tool_result` block in
 * the next message." (https://github.com/anthropics/claude-code/issues/5989; Anthropic's tool use docs:
 * "Tool result blocks must immediately follow their corresponding tool use blocks",
 * https://docs.anthropic.com/en/docs/build-with-claude/tool-use/implement-tool-use). A tool message
 * that came later (a user message typed while calls were open, an edit) is moved up to directly
 * follow its call's assistant message; results keep their order, everything else its place after them.
 */
export const anthropicToolResultOrder: Rule = {
  rule: 'anthropic-tool-result-order',
  apply(request) {
    const source = request.messages;
    const used = new Set<number>();
    const order: number[] = [];
    const moved: string[] = [];
    source.forEach((m, i) => {
      if (used.has(i)) return;
      order.push(i);
      if (m.role !== 'assistant' || !m.tool_calls?.length) return;
      const ids = new Set(m.tool_calls.map((call) => call.id));
      let next = i + 1;
      for (let j = i + 1; j < source.length; j++) {
        const later = source[j];
        // A later turn that calls with the same id owns the results after it.
        if (later.role === 'assistant' && later.tool_calls?.some((call) => ids.has(call.id))) break;
        if (used.has(j) || later.role !== 'tool' || !ids.has(later.tool_call_id)) continue;
        if (j !== next) moved.push(later.tool_call_id);
        used.add(j);
        order.push(j);
        // A result right after the call (or after the results before it) is in place; one after a gap moves.
        next = j + 1;
      }
    });
    if (moved.length === 0) return null;
    return {
      request: { ...request, messages: order.map((i) => source[i]) },
      message: `Asked with ${plural(moved.length, 'tool result')} (${listed(moved)}) not directly after the assistant message that called ${moved.length === 1 ? 'it' : 'them'}; sent ${moved.length === 1 ? 'it' : 'them'} moved up to follow that message, in ${moved.length === 1 ? 'its' : 'their'} order, because Anthropic rejects a tool_use without its tool_result immediately after.`,
    };
  },
};

/** DeepSeek-R1 and its distills: the reasoner before V3.2, which rejects reasoning_content on input. */
const LEGACY_REASONER = /(^|[/_-])r1([._-]|$)/i;

/**
 * DeepSeek's `reasoning_content` on input assistant messages.
 * - deepseek-reasoner before V3.2 (R1): "if the reasoning_content field is included in the sequence
 *   of input messages, the API will return a 400 error" (https://api-docs.deepseek.com/guides/reasoning_model,
 *   as archived at https://share.apidog.com/apidoc/docs-site/747793/reasoning-model-deepseek-reasoner-835841m0):
 *   dropped from every message.
 * - Thinking mode (V3.2 and later, https://api-docs.deepseek.com/guides/thinking_mode): between two user
 *   messages, if the model called a tool, its reasoning_content "must participate in the context
 *   concatenation" and be passed back, else 400 "Missing `reasoning_content` field in the assistant
 *   message at message index 2" (https://github.com/continuedev/continue/issues/9831) or "The
 *   reasoning_content in the thinking mode must be passed back to the API"
 *   (https://github.com/crewAIInc/crewAI/issues/5878); if it called none, the reasoning "does not need
 *   to participate" and "will be ignored". So it is kept in every turn with a tool call (the current
 *   one and, as the V4 docs ask, earlier ones) and dropped from turns without one.
 */
export const deepseekReasoning: Rule = {
  rule: 'deepseek-reasoning-content',
  apply(request) {
    if (LEGACY_REASONER.test(request.model)) {
      const result = withoutReasoning(request, () => true);
      if (!result) return null;
      return {
        request: result.request,
        message: `Asked with reasoning_content on ${plural(result.dropped, 'assistant message')}; sent without it: ${request.model} (DeepSeek-R1, before V3.2) answers 400 when an input message carries reasoning_content.`,
      };
    }
    // Which turn (the messages after a user message, up to the next) each message is in, and which turns called a tool.
    const turnOf: number[] = [];
    const calling = new Set<number>();
    let turn = 0;
    request.messages.forEach((m, i) => {
      if (m.role === 'user') turn += 1;
      turnOf[i] = turn;
      if (m.role === 'assistant' && m.tool_calls?.length) calling.add(turn);
    });
    const result = withoutReasoning(request, (_m, i) => !calling.has(turnOf[i]));
    if (!result) return null;
    return {
      request: result.request,
      message: `Asked with reasoning_content on ${plural(result.dropped, 'assistant message')} of turns without a tool call; sent without it there (DeepSeek ignores it outside tool-calling turns), and kept it in every turn that called a tool, where DeepSeek's thinking mode requires it back.`,
    };
  },
};
