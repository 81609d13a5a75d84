/**
 * Mistral's rule for the conversation: tool call ids of exactly 9 letters and digits. Its names follow
 * the common pattern (names.ts). The proxy rewrites other ids for Mistral models, so this is a warning
 * that explains the rewrite the inspector shows, not a request that will fail.
 */
import { MISTRAL_TOOL_CALL_ID } from './keywords';
import type { RuleFinding, RuleTarget } from './types';

export interface ConversationMessage {
  role: string;
  tool_calls?: Array<{ id: string }>;
  tool_call_id?: string;
}

/** Findings (toolIndex -1) past this many are left out: one per id is plenty to explain the rewrite. */
const MAX_CONVERSATION_FINDINGS = 20;

export function checkConversation(messages: readonly ConversationMessage[], targets: readonly RuleTarget[]): RuleFinding[] {
  if (!targets.includes('mistral')) return [];
  const findings: RuleFinding[] = [];
  const add = (id: string, path: RuleFinding['path']) => {
    if (findings.length >= MAX_CONVERSATION_FINDINGS || MISTRAL_TOOL_CALL_ID.test(id)) return;
    findings.push({
      rule: 'mistral/tool-call-id',
      source: 'Mistral',
      severity: 'warning',
      message: `Tool call id ${JSON.stringify(id)} is not 9 letters and digits, as Mistral requires: the proxy rewrites it for Mistral models (the inspector shows the request as sent).`,
      toolIndex: -1,
      path,
    });
  };
  messages.forEach((message, i) => {
    message.tool_calls?.forEach((call, j) => add(call.id, ['messages', i, 'tool_calls', j, 'id']));
    if (typeof message.tool_call_id === 'string') add(message.tool_call_id, ['messages', i, 'tool_call_id']);
  });
  return findings;
}
