/**
 * The four steps of function calling as the guide explains them, and the sequence diagram of one
 * conversation in those steps (lib/demo/steps.ts builds it from the conversation's data).
 */
import type { ArgumentsCheck } from '@/lib/tools/arguments';
import type { ConversationState, Entry, ModelCall } from '@/lib/conversation/state';
import type { Tool } from '@/lib/wire/chat';

/** 1 Call the model · 2 The model asks for a tool · 3 Run the function · 4 Call the model again. */
export type RailStep = 1 | 2 | 3 | 4;

export const RAIL: ReadonlyArray<{ step: RailStep; label: string }> = [
  { step: 1, label: 'Call the model' },
  { step: 2, label: 'The model asks for a tool' },
  { step: 3, label: 'Run the function' },
  { step: 4, label: 'Call the model again' },
];

/** The diagram's lifelines, left to right. */
export type Lane = 'person' | 'app' | 'model' | 'tool';

export const LANES: ReadonlyArray<{ lane: Lane; label: string }> = [
  { lane: 'person', label: 'Person' },
  { lane: 'app', label: 'App' },
  { lane: 'model', label: 'Model' },
  { lane: 'tool', label: 'Tool' },
];

export type ArrowKind = 'question' | 'request' | 'tool-call' | 'run' | 'result' | 'answer' | 'shown' | 'error';

/**
 * `pending`: not happened yet (the reply streams, the call waits for the person); `rejected`: the
 * person declined the call, so the function never ran; `failed`: the model call or the function
 * failed; `stopped`: the person stopped the reply, or it was cut off.
 */
export type ArrowStatus = 'done' | 'pending' | 'rejected' | 'failed' | 'stopped';

export interface Arrow {
  id: string;
  from: Lane;
  to: Lane;
  kind: ArrowKind;
  /** One short line: what travels along the arrow. */
  label: string;
  /** What it carries in full (pretty JSON for arguments and results, the text of a question or answer). */
  detail: string | null;
  status: ArrowStatus;
  /** A model call made again after one that failed. */
  retry: boolean;
  /** The model call it belongs to, as the inspector shows it; null when nothing was recorded (a shared link). */
  requestId: string | null;
}

export interface DemoStep {
  id: string;
  /** Which of the person's messages this step answers (1 for the first). */
  turn: number;
  rail: RailStep;
  /** Short heading of the step, in plain words. */
  title: string;
  /** The arrows this step draws: several at once for parallel tool calls. */
  arrows: Arrow[];
  parallel: boolean;
  /** How many of the conversation's entries are on screen once this step has happened. */
  visibleEntries: number;
  /** The entry whose text or calls arrive at this step (a reply replays as a stream); null: none. */
  arrives: number | null;
  /** What happened at this step, in plain words taken from what actually happened. */
  notes: string[];
}

export interface DemoInput {
  entries: readonly Entry[];
  calls: readonly ModelCall[];
  failure: ConversationState['failure'];
  /** A model call is due but has not started. */
  pendingCall: boolean;
  /** The model the conversation calls (a recorded call names its own). */
  model: string;
  /** The system prompt each request starts with ('' for none). */
  system: string;
  tools: readonly Tool[];
  /** Checks a call's arguments against its tool's schema (lib/tools/arguments.ts); null: not checked yet. */
  checkArguments: (name: string, argumentsText: string) => ArgumentsCheck | null;
}
