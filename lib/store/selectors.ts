/**
 * What the page reads from the playground store, computed from its state: why a call cannot be sent,
 * what the person has to do next, the scenario as it would be saved. Pure functions of the state.
 */
import { nextAction, requestSizeProblem, unansweredCalls } from '@/lib/conversation/reducer';
import type { ConversationState } from '@/lib/conversation/state';
import { LIMITS } from '@/lib/wire/chat-constants';
import type { ToolChoice } from '@/lib/wire/chat';
import { firstError } from '@/lib/tools/lint';
import { isSimulatorModel } from '@/lib/wire/models';
import type { ConversationSlot, LintState, PlaygroundData, ServerState, Settings } from './types';
import { providerFamily, type ProviderFamily } from '@/lib/wire/provider-family';

/**
 * Whose rules the tools are checked against: the person's "Check for" choice, or else the provider of
 * every model in use (the scenario's, and each Compare column's).
 */
export function checkTargets(data: Pick<PlaygroundData, 'settings' | 'conversations' | 'order'>): ProviderFamily[] {
  if (data.settings.check_for) return data.settings.check_for;
  const models = [data.settings.model, ...data.order.map((id) => data.conversations[id]?.model).filter((model): model is string => Boolean(model))];
  return [...new Set(models.map(providerFamily))].filter((family) => family !== 'other');
}

/** Changes exactly when checkTargets' answer does (the store re-lints then). */
export function checkTargetsKey(data: Pick<PlaygroundData, 'settings' | 'conversations' | 'order'>): string {
  return checkTargets(data).join(' ');
}

export const CHECKING_TOOLS = 'Checking the tools…';

export const NO_KEY_FOR_MODEL =
  'No API key is configured on the server: this model cannot be called; set AIML_API_KEY or use the offline simulator.';

/**
 * Why a request cannot be sent as the settings stand, in words; null when it can. Knowing the server
 * has no key, a model other than the simulator is refused here, before Send, rather than by a 401.
 */
export function settingsProblem(settings: Settings, lint: LintState, server?: ServerState): string | null {
  if (lint.checking) return CHECKING_TOOLS;
  const toolsError = firstError(lint);
  if (toolsError) return `Fix the tools first: ${toolsError}`;
  if (server?.keyConfigured === false && !isSimulatorModel(settings.model)) return NO_KEY_FOR_MODEL;
  const choice: ToolChoice = settings.tool_choice;
  if (typeof choice === 'object' && !lint.tools?.some((t) => t.function.name === choice.function.name)) {
    return `Tool choice names "${choice.function.name}", which is not one of the tools: pick another tool choice.`;
  }
  const t = settings.temperature;
  if (t != null && !(Number.isFinite(t) && t >= 0 && t <= 2)) return 'Temperature must be between 0 and 2 (empty for the model’s default).';
  const m = settings.max_tokens;
  if (m != null && !(Number.isInteger(m) && m >= 1 && m <= LIMITS.maxMaxTokens)) {
    return `Max tokens must be a whole number from 1 to ${LIMITS.maxMaxTokens} (empty for the model’s default).`;
  }
  return null;
}

/** Why the next call of this conversation cannot start, in words; null when it can. */
export function blockReason(
  data: Pick<PlaygroundData, 'settings' | 'tools'> & Partial<Pick<PlaygroundData, 'server'>>,
  conversation: ConversationState,
  /** The model of a Compare column that has its own; null: the scenario's. */
  model: string | null = null,
): string | null {
  const settings = model ? { ...data.settings, model } : data.settings;
  return settingsProblem(settings, data.tools.lint, data.server) ?? requestSizeProblem(conversation, data.settings.system);
}

/** The conversation the single-column page shows (the first). */
export function mainConversation(data: Pick<PlaygroundData, 'conversations' | 'order'>): ConversationSlot {
  return data.conversations[data.order[0]];
}

export function isStreaming(slot: ConversationSlot): boolean {
  return slot.state.activeRequestId !== null;
}

export type ComposerReason = { text: string; tone: 'error' | 'step' };

/** Why Send is disabled, for the composer: a problem to fix, or a step to take first. */
export function composerReason(data: Pick<PlaygroundData, 'settings' | 'tools'> & Partial<Pick<PlaygroundData, 'server'>>, slot: ConversationSlot): ComposerReason | null {
  const blocked = blockReason(data, slot.state, slot.model);
  if (blocked) return { text: blocked, tone: data.tools.lint.checking ? 'step' : 'error' };
  const unanswered = unansweredCalls(slot.state).length;
  if (unanswered) {
    return {
      text: `Answer the tool calls first: approve or reject ${unanswered === 1 ? 'the call' : `each of the ${unanswered} calls`} above.`,
      tone: 'step',
    };
  }
  return null;
}

/** Whether "New chat" has anything to clear. */
export function hasConversation(data: Pick<PlaygroundData, 'conversations' | 'order'>): boolean {
  return data.order.some((id) => {
    const { state } = data.conversations[id];
    return state.entries.length > 0 || state.calls.length > 0;
  });
}

/** Whether a model call of this conversation is due right now (the store starts it unless held). */
export function callDue(slot: ConversationSlot): boolean {
  return nextAction(slot.state).type === 'call';
}

/** The functions of the tools as they stand (the last valid ones while the text is broken). */
export function functionNames(data: Pick<PlaygroundData, 'tools'>): string[] {
  return (data.tools.lint.tools ?? data.tools.lastValid).map((tool) => tool.function.name);
}
