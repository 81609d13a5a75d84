/**
 * One model call as a timeline: the request, the first token, each tool call as it began to arrive, and
 * the end; and the calls of a conversation on one axis, so a turn reads as request → tools → answer.
 * Pure: from the call's timestamps and its parsed stream.
 */
import type { ModelCall } from '@/lib/conversation/state';
import { isRecord } from '@/lib/util/json';
import type { StreamChunk } from './raw-stream';

export interface TimelineMark {
  kind: 'request' | 'first-token' | 'tool-call' | 'finish';
  label: string;
  /** Since the call's request. */
  ms: number;
}

type Timed = Pick<ModelCall, 'startedAt' | 'firstTokenAt' | 'finishedAt' | 'status'>;

/** The tool calls of the events our server sent, each when its first delta arrived. */
function toolCallMarks(chunks: readonly StreamChunk[]): TimelineMark[] {
  const seen = new Set<number>();
  const marks: TimelineMark[] = [];
  for (const chunk of chunks) {
    if (chunk.ms === null) continue;
    for (const data of chunk.sent) {
      if (!data.includes('"tool_calls"')) continue;
      let event: unknown;
      try {
        event = JSON.parse(data);
      } catch {
        continue;
      }
      const choices = isRecord(event) && Array.isArray(event.choices) ? event.choices : [];
      const delta = isRecord(choices[0]) && isRecord(choices[0].delta) ? choices[0].delta : null;
      for (const part of Array.isArray(delta?.tool_calls) ? delta.tool_calls : []) {
        if (!isRecord(part) || typeof part.index !== 'number' || seen.has(part.index)) continue;
        seen.add(part.index);
        const name = isRecord(part.function) && typeof part.function.name === 'string' && part.function.name ? part.function.name : 'a tool';
        marks.push({ kind: 'tool-call', label: `calls ${name}`, ms: chunk.ms });
      }
    }
  }
  return marks;
}

export function callTimeline(call: Timed, chunks: readonly StreamChunk[]): TimelineMark[] {
  const marks: TimelineMark[] = [{ kind: 'request', label: 'request sent', ms: 0 }];
  const tools = toolCallMarks(chunks);
  if (call.firstTokenAt !== null) {
    // The reducer stamps a chunk a moment after its text arrived: a tool call's first delta is a token too.
    const ms = Math.min(call.firstTokenAt - call.startedAt, ...tools.map((mark) => mark.ms));
    marks.push({ kind: 'first-token', label: 'first token', ms });
  }
  marks.push(...tools);
  if (call.finishedAt !== null) marks.push({ kind: 'finish', label: call.status === 'done' ? 'finished' : call.status, ms: call.finishedAt - call.startedAt });
  return marks.sort((a, b) => a.ms - b.ms);
}

export interface TurnBar {
  /** Where the call starts and how long it ran, as fractions of the whole span (0–1). */
  start: number;
  width: number;
}

/**
 * Each call's bar on one axis from the first call's request to the last call's end (a call still
 * running ends at the last text that arrived). The time between bars is the person's: reading,
 * approving results.
 */
export function turnBars(calls: ReadonlyArray<Timed & Pick<ModelCall, 'rawTimes'>>): TurnBar[] {
  if (!calls.length) return [];
  const ends = calls.map((call) => call.finishedAt ?? call.startedAt + (call.rawTimes.at(-1)?.[1] ?? 0));
  const from = calls[0].startedAt;
  const span = Math.max(1, Math.max(...ends) - from);
  return calls.map((call, i) => ({ start: (call.startedAt - from) / span, width: Math.max(0, ends[i] - call.startedAt) / span }));
}
