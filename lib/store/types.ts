/** The playground store's state: one scenario and its conversations (lib/store/playground-store.ts). */
import type { ConversationState } from '@/lib/conversation/state';
import type { EvaluationProgress } from '@/lib/evaluate/run';
import type { Scenario } from '@/lib/scenario/base';
import type { ToolsLint } from '@/lib/tools/lint';
import type { Tool } from '@/lib/wire/chat';

/** The scenario's settings: everything but its tools (held as text) and its conversation. */
export type Settings = Omit<Scenario, 'version' | 'tools' | 'messages' | 'results' | 'inspector' | 'alternatives' | 'expectations'>;

/** The lint as shown: `checking` until the schema checks have run on the text. */
export type LintState = ToolsLint & { checking?: boolean };

export interface ToolsState {
  /** The Tools editor's text exactly as typed: the one copy (the editor is uncontrolled). */
  text: string;
  /** Bumped when something other than the editor replaces the text, so the editor takes it. */
  seed: number;
  lint: LintState;
  /** The last tools that passed the lint: the scenario holds these while the text is broken. */
  lastValid: Tool[];
}

/** One conversation with one model: the page has one; Compare has one per column. */
export interface ConversationSlot {
  id: string;
  /** The model it calls; null: the scenario's model. */
  model: string | null;
  state: ConversationState;
  /** The ticket of the last due call the store dealt with (started or held), so each starts once. */
  handledTicket: number;
  /** A call is due but the settings refused it: "Continue" starts it once they are fixed. */
  held: boolean;
}

/** Where the open work came from, for Save and for asking before it is replaced. */
export interface SessionState {
  /** The Library entry Save updates; null: Save adds a new entry. */
  savedId: string | null;
  /** That entry's `savedAt` when this work was opened from or saved to it: a newer one was saved elsewhere. */
  savedAt: string | null;
  /** The template whose note is shown. */
  templateId: string | null;
  /** Fingerprint of the work as last opened or saved; null: never (so it is unsaved). */
  baseline: string | null;
}

/** What the server said about itself that decides what can be sent (GET /api/v1/models). */
export interface ServerState {
  /** Whether AIML_API_KEY is configured; null until the model list has answered. */
  keyConfigured: boolean | null;
  /** The MCP servers it has, each with its tools' names; null until the Servers panel has loaded them. */
  mcpServers: Record<string, string[]> | null;
}

export type { EvaluationProgress };

/** The evaluation running now (lib/store/evaluate.ts); not part of the work (its scorecard is, in the settings). */
export interface EvaluationRun {
  status: 'idle' | 'running' | 'cancelling';
  /** Of the run in flight, or of the last one until the next starts; updated at most once a frame. */
  progress: EvaluationProgress | null;
  /** Why the last run did not start or stopped, in words. */
  error: string | null;
}

export interface PlaygroundData {
  settings: Settings;
  tools: ToolsState;
  conversations: Record<string, ConversationSlot>;
  /** The conversations in column order; the first is the one a scenario saves. */
  order: string[];
  session: SessionState;
  server: ServerState;
  /** What Undo puts back, newest last (lib/store/playground-store.ts says when records are dropped). */
  undoHistory: UndoRecord[];
  /** The newest record the person dismissed the notice of (its Undo is no longer offered). */
  undoDismissed: number | null;
  evaluation: EvaluationRun;
}

/** The work Fork (or opening a test case) replaces, as it stood. */
export type WorkBefore = Pick<PlaygroundData, 'settings' | 'tools' | 'conversations' | 'order' | 'session'>;

/** A change by hand that Undo can take back: the state before it, and what it did in words. */
export type UndoRecord =
  | {
      id: number;
      kind: 'conversation';
      /** What the change did, as the notice says it: "Deleted your message". */
      label: string;
      conversationId: string;
      before: ConversationState;
      /** The message that Undo brings back into view (its key), if any. */
      focusKey: string | null;
    }
  | { id: number; kind: 'work'; label: string; before: WorkBefore; focusKey: null };

/** The work as it is now, for Save, Share, Export and the work kept across reloads. */
export interface WorkSnapshot {
  scenario: Scenario;
  toolsText: string;
  /** The editor's text when it is not valid tools (the scenario then holds the last valid ones). */
  invalidToolsText: string | null;
}

/** What replaces the open work: a scenario, and where it came from. */
export interface OpenedWork {
  scenario: Scenario;
  /** The editor's text as the person left it (work kept across a reload), which may not parse. */
  toolsText?: string;
  session?: Partial<SessionState>;
}
