/**
 * The simulator's words: the answer that states what each tool returned (or that the person declined a
 * call), and the plain-text replies when no tool is called, which say plainly that this is the simulator.
 */
import type { Tool, ToolCall } from '@/lib/wire/chat';
import { describeResult, joinAnd, newBudget } from './result-sentences';

const MAX_QUOTE = 80;
const DECLINED = /\b(declin|reject|denied|deny|refus|not approved|disapproved|cancell?ed by)/i;

/** "Here is what the tools returned. New York: the temperature is 22 and the unit is celsius. San Francisco: …" */
export function answerFromResults(calls: readonly ToolCall[], results: ReadonlyMap<string, string>): string {
  const labels = callLabels(calls);
  const budget = newBudget();
  const answered: string[] = [];
  const declined: string[] = [];
  let unsaid = 0;
  calls.forEach((call, i) => {
    const result = results.get(call.id);
    if (result === undefined) return;
    if (DECLINED.test(result)) declined.push(declinedLabel(call, labels[i]));
    else if (budget.values <= 0) unsaid++;
    else answered.push(`${labels[i]}: ${describeResult(result, budget)}.`);
  });
  const sentences: string[] = [];
  if (answered.length) sentences.push(`Here is what the ${answered.length + unsaid === 1 ? 'tool' : 'tools'} returned.`, ...answered);
  if (unsaid) sentences.push(`${unsaid === 1 ? 'One more result' : `${unsaid} more results`} came back, not repeated here.`);
  if (declined.length === 1) sentences.push(`The person declined the call to ${declined[0]}, so I cannot answer that part.`);
  if (declined.length > 1) {
    sentences.push(`The person declined the calls to ${joinAnd(declined)}, so I cannot answer those parts.`);
  }
  return sentences.join(' ') || 'The tools returned nothing I can report.';
}

function callLabels(calls: readonly ToolCall[]): string[] {
  const sameFunction = calls.every((call) => call.function.name === calls[0]?.function.name);
  const mains = calls.map((call) => mainArgument(call.function.arguments));
  const distinct = new Set(mains).size === calls.length && mains.every(Boolean);
  const labels = calls.map((call, i) =>
    sameFunction && distinct ? mains[i]! : mains[i] ? `${call.function.name} (${mains[i]})` : call.function.name,
  );
  return labels.map((label, i) => (labels.indexOf(label) !== i || labels.lastIndexOf(label) !== i ? `${label} #${i + 1}` : label));
}

function declinedLabel(call: ToolCall, label: string): string {
  return label.startsWith(call.function.name) ? label : `${call.function.name} (${label})`;
}

/** The first short string argument: the location, the recipient, the name. */
function mainArgument(json: string): string | undefined {
  try {
    const args: unknown = JSON.parse(json);
    if (args === null || typeof args !== 'object') return undefined;
    const first = Object.values(args).find((value) => typeof value === 'string' && value.length > 0 && value.length <= 60);
    return first as string | undefined;
  } catch {
    return undefined;
  }
}

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `“${oneLine.length > MAX_QUOTE ? `${oneLine.slice(0, MAX_QUOTE - 1)}…` : oneLine}”`;
}

function toolNames(tools: readonly Tool[]): string {
  return tools.map((tool) => tool.function.name).join(', ');
}

export function noMessageReply(): string {
  return '(Offline simulator) There is no user message to answer yet. Ask something, for example “What is the weather in Paris?”.';
}

export function noToolsReply(text: string): string {
  return `(Offline simulator) I am a rule-based stand-in, not an LLM, and no tools are defined, so I have nothing to call for ${quote(text)}. Add a tool whose name or description mentions what you ask about, and I will call it.`;
}

export function noMatchReply(text: string, tools: readonly Tool[]): string {
  return `(Offline simulator) I have no tool that fits ${quote(text)}, so I am answering in text. I can call: ${toolNames(tools)}. Mention what one of them is for and I will call it.`;
}

export function toolsOffReply(text: string, related: readonly Tool[]): string {
  const would = related.length
    ? `With tools allowed I would call: ${toolNames(related)}.`
    : `None of the tools fits ${quote(text)} anyway.`;
  return `(Offline simulator) tool_choice is "none", so I answer without calling tools. ${would}`;
}
