/**
 * The playground store: the whole open scenario (settings, the tools text and its lint, every
 * conversation with its model calls, where the work came from) in one zustand store with named
 * actions, testable without React. Each conversation is advanced by the pure reducer
 * (lib/conversation/reducer.ts); when its next model call starts is a rule over its state, applied
 * after every event: once every call of a turn is answered (or the person sent, or retried), the call
 * starts, unless the settings refuse it, in which case it is held for "Continue". Each conversation
 * has its own call in flight and its own abort.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  applyEvent,
  nextAction,
  requestMessages,
  requestSizeProblem,
  type ConversationEvent,
} from '@/lib/conversation/reducer';
import { initialConversation, type ConversationState } from '@/lib/conversation/state';
import type { Scenario } from '@/lib/scenario/base';
import { scenarioFingerprint } from '@/lib/scenario/fingerprint';
import { lintToolsIfLoaded, lintToolsOrExplain, type ToolsLint } from '@/lib/tools/lint';
import type { ChatRequest, Tool } from '@/lib/wire/chat';
import { buildChatRequest, isChatError, streamChat, type StreamOptions, type StreamResult } from '@/lib/wire/chat-client';
import { runJavaScriptMock, type MockRun } from '@/lib/mocks/javascript-runner';
import type { SandboxRequest } from '@/lib/mocks/sandbox-worker';
import { parseArguments } from '@/lib/mocks/mock';
import { own } from '@/lib/util/json';
import { conversationFields, conversationFromScenario } from './scenario-conversation';
import { columnConversation, columnModel, columnsToScenario, createCompareActions, type CompareActions } from './compare';
import { createWorkbenchActions, forkName, type WorkbenchActions } from './workbench';
import { createEvaluation, IDLE_EVALUATION, loadEvaluationRunner, type EvaluationActions, type EvaluationDeps } from './evaluate';
import { blockReason, checkTargets, checkTargetsKey, settingsProblem } from './selectors';
import { createServerRunActions, type RunMcpTool, type ServerRunActions } from './server-runs';
import type { RuleTarget } from '@/lib/tool-formats/rules';
import type { ConversationSlot, OpenedWork, PlaygroundData, SessionState, Settings, ToolsState, UndoRecord, WorkSnapshot } from './types';

export interface PlaygroundDeps {
  streamChat: (body: ChatRequest, options: StreamOptions) => Promise<StreamResult>;
  /** The tools lint now; null while the schema checks have not loaded. */
  lintNow: (text: string, targets?: readonly RuleTarget[]) => ToolsLint | null;
  /** The tools lint, loading the schema checks if needed; never rejects. */
  lint: (text: string, targets?: readonly RuleTarget[]) => Promise<ToolsLint>;
  now: () => number;
  newRequestId: () => string;
  /** The lint runs this long after the last edit at most (Monaco's markers follow it). */
  lintDelayMs: number;
  /** Runs a JavaScript mock for one call (a sandboxed worker in the page); never rejects. */
  runMock: (request: SandboxRequest) => Promise<MockRun>;
  /** Runs a tool on a configured MCP server, through the playground's server. */
  runMcpTool: RunMcpTool;
  /** The evaluation runner, loaded when the first evaluation starts. */
  loadRunner: EvaluationDeps['loadRunner'];
  /** Calls back before the next paint: an evaluation's progress reaches the store at most this often. */
  nextFrame: (callback: () => void) => void;
}

export interface PlaygroundActions extends CompareActions, EvaluationActions, WorkbenchActions, ServerRunActions {
  patchSettings(change: Partial<Settings>): void;
  /** The editor's text changed (every keystroke). */
  toolsEdited(text: string): void;
  /** Something other than the editor replaces the tools text (Format before Monaco loads, an import). */
  replaceTools(text: string): void;
  /** Sends the draft to every conversation and clears it; false when it cannot be sent now. */
  send(): boolean;
  editResult(conversationId: string, callKey: string, text: string): void;
  approve(conversationId: string, callKey: string): void;
  reject(conversationId: string, callKey: string): void;
  retry(conversationId: string): void;
  /** Starts a held call; false when the settings still refuse it. */
  continueCall(conversationId: string): boolean;
  /** Stops one conversation's reply, or every one. */
  stop(conversationId?: string): void;
  /** Empties every conversation. The work is a new one from here: Save adds a new Library entry. */
  newChat(): void;
  addConversation(model: string | null): string;
  removeConversation(conversationId: string): void;
  /** Replaces the whole open work (a template, a link, a Library entry, the work kept across a reload). */
  open(work: OpenedWork): void;
  setSession(change: Partial<SessionState>): void;
  /** What GET /api/v1/models said about the key: without one, only the simulator can be sent to. */
  setKeyConfigured(keyConfigured: boolean | null): void;
  /** The work now saved (or opened) as it stands: it counts as unsaved again once it changes. */
  markSaved(change?: Partial<SessionState>): void;
  /** The scenario as it stands, with the editor's text. */
  snapshot(): WorkSnapshot;
  /** The tools lint of the editor's text as of this instant (the shown lint may lag it); null: not checked yet. */
  currentLint(): ToolsLint | null;
  /** Whether the open work differs from what was last opened or saved. */
  hasUnsavedWork(): boolean;

  /** Opens other work as new, unsaved work that Undo takes back, as Fork does; `label` is the Undo notice's. */
  openUndoable(work: OpenedWork, label: string): void;
  /** Takes back the newest change still recorded; false when there is none. */
  undo(): boolean;
  /** Hides the newest change's Undo notice (the change stays undoable until something else happens). */
  dismissUndo(): void;
}

export type PlaygroundState = PlaygroundData & PlaygroundActions;
export type PlaygroundStore = StoreApi<PlaygroundState>;

export const MAIN_CONVERSATION = 'main';
export { forkName };
export type { OpenedWork };

export function toolsText(tools: readonly Tool[]): string {
  return `${JSON.stringify(tools, null, 2)}\n`;
}

function settingsOf(scenario: Scenario): Settings {
  const { version: _v, tools: _t, messages: _m, results: _r, inspector: _i, alternatives: _a, expectations: _e, ...settings } = scenario;
  return settings;
}

/** Most changes Undo keeps, per page. */
export const MAX_UNDO = 50;

function slot(id: string, model: string | null, state: ConversationState = initialConversation): ConversationSlot {
  return { id, model, state, handledTicket: state.ticket, held: false };
}

let requestCounter = 0;
function defaultRequestId(): string {
  requestCounter += 1;
  return `req_${Date.now().toString(36)}${requestCounter.toString(36)}`;
}

const DEFAULT_DEPS: PlaygroundDeps = {
  streamChat,
  lintNow: lintToolsIfLoaded,
  lint: lintToolsOrExplain,
  now: () => Date.now(),
  newRequestId: defaultRequestId,
  lintDelayMs: 200,
  runMock: (request) => runJavaScriptMock(request),
  // Loaded on the first run: the client checks the server's answers with zod, which the first paint does without.
  runMcpTool: async (...args) => (await import('@/lib/mcp/client')).runMcpTool(...args),
  loadRunner: loadEvaluationRunner,
  nextFrame: (callback) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => callback()) : setTimeout(callback, 16)),
};

export function createPlaygroundStore(initial: Scenario, overrides: Partial<PlaygroundDeps> = {}): PlaygroundStore {
  const deps = { ...DEFAULT_DEPS, ...overrides };
  /** The reply in flight of each conversation, by conversation id. */
  const inFlight = new Map<string, AbortController>();
  /** The JavaScript mocks started, by conversation id and call key, so each call's runs once. */
  const mocksStarted = new Set<string>();
  let lintTimer: ReturnType<typeof setTimeout> | null = null;
  let conversationCounter = 0;
  let lintOnStart: () => void = () => {};
  let mocksOnStart: () => void = () => {};
  // Until the schema checks have run, the tools a scenario was opened with count as checked: they
  // passed the scenario's own validation, and Save or Share must not wait for Ajv to load.
  let trusted: { text: string; lint: ToolsLint } = { text: toolsText(initial.tools), lint: { tools: initial.tools, problems: [], errorCount: 0 } };

  const store = createStore<PlaygroundState>()((set, get) => {
    const setSlot = (id: string, change: (slot: ConversationSlot) => Partial<ConversationSlot>) =>
      set((s) => {
        const current = s.conversations[id];
        return current ? { conversations: { ...s.conversations, [id]: { ...current, ...change(current) } } } : s;
      });

    const setTools = (change: Partial<ToolsState>) => set((s) => ({ tools: { ...s.tools, ...change } }));

    const currentLint = (): ToolsLint | null => {
      const { text } = get().tools;
      return deps.lintNow(text, checkTargets(get())) ?? (text === trusted.text ? trusted.lint : null);
    };

    const runLint = () => {
      lintTimer = null;
      const { text } = get().tools;
      const shown = (lint: ToolsLint) => {
        if (get().tools.text !== text) return; // its own lint follows
        setTools({ lint, ...(lint.tools ? { lastValid: lint.tools } : {}) });
      };
      const targets = checkTargets(get());
      const now = deps.lintNow(text, targets);
      if (now) shown(now);
      else void deps.lint(text, targets).then(shown);
    };

    const scheduleLint = () => {
      lintTimer ??= setTimeout(runLint, deps.lintDelayMs);
    };
    lintOnStart = runLint;

    /** Applies one event to one conversation, then starts its next call if one is due. */
    const apply = (id: string, event: ConversationEvent) => {
      const current = get().conversations[id];
      if (!current) return;
      const state = applyEvent(current.state, event);
      if (state === current.state) return;
      setSlot(id, () => ({ state }));
      advance(id);
      runDueMocks(id);
      serverRuns.runDueServerCalls(id);
    };

    const serverRuns = createServerRunActions({
      get,
      set: (change) => set(change),
      apply: (id, event) => apply(id, event),
      approve: (id, callKey) => get().approve(id, callKey),
      runMcpTool: deps.runMcpTool,
    });
    const { runDueServerCalls: _runDue, setMcpServers: _setServers, runForEvaluation: _forEvaluation, cancelRuns: _cancel, ...serverRunActions } = serverRuns;

    mocksOnStart = () => runDueMocks(MAIN_CONVERSATION);
    /** Starts the JavaScript mock of every call that waits for one; its result comes back as an event. */
    const runDueMocks = (id: string) => {
      const current = get().conversations[id];
      if (!current) return;
      for (const entry of current.state.entries) {
        if (entry.kind !== 'assistant') continue;
        for (const card of entry.toolCalls) {
          const key = `${id}\n${card.key}`;
          if (card.mock?.kind !== 'javascript' || card.mock.status !== 'running' || mocksStarted.has(key)) continue;
          mocksStarted.add(key);
          const mock = own(get().settings.mocks, card.name);
          const call = { id: card.id, name: card.name, arguments: card.arguments };
          const run: Promise<MockRun> =
            mock?.kind === 'javascript'
              ? deps.runMock({ source: mock.source, args: parseArguments(card.arguments) ?? null, call })
              : Promise.resolve({ ok: false, error: `The mock for ${card.name} is no longer JavaScript.` });
          void run.then((outcome) => apply(id, { type: 'mockAnswered', callKey: card.key, run: outcome }));
        }
      }
    };

    const advance = (id: string) => {
      const current = get().conversations[id];
      if (!current) return;
      const action = nextAction(current.state);
      if (action.type !== 'call' || current.handledTicket === action.ticket) return;
      setSlot(id, () => ({ handledTicket: action.ticket }));
      // The lint shown may lag the editor by a throttle: a refusal of the live text holds the call too.
      const started = !blockReason(get(), current.state, current.model) && start(id);
      setSlot(id, () => ({ held: !started }));
    };

    /** Starts the due call of one conversation; false when the live settings or tools refuse it. */
    const start = (id: string): boolean => {
      const { settings, conversations } = get();
      const current = conversations[id];
      if (!current) return false;
      if (current.state.activeRequestId) return true;
      const lint = currentLint();
      const model = columnModel(settings, current);
      if (!lint?.tools || settingsProblem({ ...settings, model }, lint, get().server) || requestSizeProblem(current.state, settings.system)) return false;
      const requestId = deps.newRequestId();
      const body = buildChatRequest(
        { ...settings, model, tools: lint.tools },
        requestMessages(current.state, settings.system),
      );
      apply(id, { type: 'requestStarted', requestId, body, at: deps.now() });
      const abort = new AbortController();
      inFlight.set(id, abort);
      void deps
        .streamChat(body, {
          signal: abort.signal,
          onResponse: (http) => apply(id, { type: 'responseReceived', requestId, http }),
          onRaw: (text) => apply(id, { type: 'rawReceived', requestId, text, at: deps.now() }),
          onChunk: (chunk) => apply(id, { type: 'chunkReceived', requestId, chunk, at: deps.now() }),
        })
        .then((result) => {
          if (inFlight.get(id) === abort) inFlight.delete(id);
          if (isChatError(result)) apply(id, { type: 'callFailed', requestId, error: result, at: deps.now() });
          else apply(id, { type: 'streamFinished', requestId, at: deps.now(), mocks: get().settings.mocks });
        });
      return true;
    };

    // What stops a conversation's model calls stops its runs on MCP servers too.
    const stopAll = () => {
      for (const abort of inFlight.values()) abort.abort();
      inFlight.clear();
      serverRuns.cancelRuns();
    };

    const stopOne = (id: string) => {
      inFlight.get(id)?.abort();
      inFlight.delete(id);
      serverRuns.cancelRuns(id);
    };

    // Undo puts back the state before a change, so it can only be offered while nothing else has
    // changed that conversation since: a change of any other kind by the person (sending, answering a
    // call, typing a result, Retry, Continue) drops its records, and opening other work or a New chat
    // drops them all. What the model streams after Run from here or Regenerate is part of that change
    // (Undo stops it). The record of a Fork (the whole work) also goes with any change to the settings
    // or tools, which Undo would otherwise take back with it.
    let undoCounter = 0;
    const pushUndo = (record: UndoRecord extends infer R ? (R extends UndoRecord ? Omit<R, 'id'> : never) : never) => {
      undoCounter += 1;
      const added = { ...record, id: undoCounter } as UndoRecord;
      set((s) => ({ undoHistory: [...s.undoHistory, added].slice(-MAX_UNDO) }));
    };
    const forgetUndo = (which: (record: UndoRecord) => boolean) => {
      if (get().undoHistory.some(which)) set((s) => ({ undoHistory: s.undoHistory.filter((record) => !which(record)) }));
    };
    const forgetFor = (id: string) => forgetUndo((record) => record.kind === 'work' || record.conversationId === id);
    const forgetWork = () => forgetUndo((record) => record.kind === 'work');

    /** Applies a change by hand to one conversation, kept for Undo; false when it changed nothing. */
    const change = (
      id: string,
      events: ConversationEvent[],
      label: (before: ConversationState, after: ConversationState) => string,
      focusKey: string | null,
    ): boolean => {
      const current = get().conversations[id];
      if (!current) return false;
      const state = events.reduce(applyEvent, current.state);
      if (state === current.state) return false;
      pushUndo({ kind: 'conversation', conversationId: id, label: label(current.state, state), before: current.state, focusKey });
      // A call held for Continue is given up by a change that leaves none due.
      setSlot(id, (slot) => ({ state, held: slot.held && nextAction(state).type === 'call' }));
      advance(id);
      return true;
    };

    const snapshot = (): WorkSnapshot => {
      const { settings, tools, conversations, order } = get();
      const valid = currentLint()?.tools;
      const main = conversations[order[0]];
      const scenario: Scenario = {
        version: 2,
        ...settings,
        tools: valid ?? tools.lastValid,
        ...conversationFields(main.state, settings.mocks),
      };
      const columns = columnsToScenario(get(), settings.mocks);
      if (columns) scenario.columns = columns;
      return { scenario, toolsText: tools.text, invalidToolsText: valid ? null : tools.text };
    };

    const fingerprint = () => {
      const { scenario, invalidToolsText } = snapshot();
      return scenarioFingerprint(scenario, invalidToolsText);
    };

    const workbench = createWorkbenchActions({ get, set }, { change, setSlot, snapshot });

    const evaluation = createEvaluation(
      { get, set, snapshot, patchSettings: (change) => get().patchSettings(change), openUndoable: (work, label) => get().openUndoable(work, label) },
      { ...deps, runServerTool: (name, args, signal) => serverRuns.runForEvaluation(name, args, signal) },
    );

    return {
      settings: settingsOf(initial),
      tools: { text: trusted.text, seed: 0, lint: { ...trusted.lint, checking: true }, lastValid: initial.tools },
      conversations: { [MAIN_CONVERSATION]: slot(MAIN_CONVERSATION, null, conversationFromScenario(initial)) },
      order: [MAIN_CONVERSATION],
      session: { savedId: null, savedAt: null, templateId: null, baseline: null },
      server: { keyConfigured: null, mcpServers: null },
      undoHistory: [],
      undoDismissed: null,
      evaluation: IDLE_EVALUATION,
      ...evaluation.actions,
      ...workbench,

      patchSettings: (patch) => {
        forgetWork();
        set((s) => ({ settings: { ...s.settings, ...patch } }));
      },

      toolsEdited: (text) => {
        if (text === get().tools.text) return;
        forgetWork();
        setTools({ text });
        scheduleLint();
      },

      replaceTools: (text) => {
        forgetWork();
        const now = deps.lintNow(text, checkTargets(get()));
        setTools({ text, seed: get().tools.seed + 1, lint: now ?? { tools: null, problems: [], errorCount: 0, checking: true } });
        runLint();
      },

      send: () => {
        const data = get();
        const text = data.settings.draft;
        if (!text.trim()) return false;
        const ready = data.order.every((id) => {
          const { state, model } = data.conversations[id];
          return !state.activeRequestId && nextAction(state).type !== 'await-results' && !blockReason(data, state, model);
        });
        if (!ready) return false;
        set((s) => ({ settings: { ...s.settings, draft: '' } }));
        forgetUndo(() => true);
        for (const id of data.order) apply(id, { type: 'userSent', text });
        return true;
      },

      editResult: (id, callKey, text) => {
        forgetFor(id);
        apply(id, { type: 'resultEdited', callKey, text });
      },
      approve: (id, callKey) => {
        forgetFor(id);
        serverRuns.cancelRuns(id, callKey);
        apply(id, { type: 'callApproved', callKey });
      },
      reject: (id, callKey) => {
        forgetFor(id);
        serverRuns.cancelRuns(id, callKey);
        apply(id, { type: 'callRejected', callKey });
      },
      retry: (id) => {
        forgetFor(id);
        apply(id, { type: 'retryRequested' });
      },

      continueCall: (id) => {
        const current = get().conversations[id];
        if (!current || nextAction(current.state).type !== 'call') return false;
        forgetFor(id);
        const started = start(id);
        setSlot(id, () => ({ held: !started }));
        return started;
      },

      stop: (id) => {
        if (id === undefined) return stopAll();
        inFlight.get(id)?.abort();
        inFlight.delete(id);
      },

      newChat: () => {
        stopAll();
        forgetUndo(() => true);
        set((s) => ({
          conversations: Object.fromEntries(
            s.order.map((id) => {
              const current = s.conversations[id];
              return [id, { ...slot(id, current.model, applyEvent(current.state, { type: 'conversationReset' })) }];
            }),
          ),
          session: { ...s.session, savedId: null, savedAt: null },
        }));
        // Nothing is lost yet by replacing a conversation that is empty again.
        set((s) => ({ session: { ...s.session, baseline: fingerprint() } }));
      },

      addConversation: (model) => {
        conversationCounter += 1;
        const id = `c${conversationCounter}`;
        set((s) => ({ conversations: { ...s.conversations, [id]: slot(id, model) }, order: [...s.order, id] }));
        return id;
      },

      removeConversation: (id) => {
        const { order } = get();
        if (order.length <= 1 || !order.includes(id)) return;
        inFlight.get(id)?.abort();
        inFlight.delete(id);
        set((s) => {
          const { [id]: _removed, ...rest } = s.conversations;
          return { conversations: rest, order: s.order.filter((other) => other !== id) };
        });
      },

      open: ({ scenario, toolsText: text, session }) => {
        stopAll();
        evaluation.detach();
        forgetUndo(() => true);
        if (lintTimer) clearTimeout(lintTimer);
        lintTimer = null;
        const editorText = text ?? toolsText(scenario.tools);
        trusted = { text: toolsText(scenario.tools), lint: { tools: scenario.tools, problems: [], errorCount: 0 } };
        const now = deps.lintNow(editorText, checkTargets({ settings: settingsOf(scenario), conversations: {}, order: [] }));
        set((s) => {
          const seq = Math.max(...s.order.map((id) => s.conversations[id].state.seq));
          return {
            settings: settingsOf(scenario),
            tools: {
              text: editorText,
              seed: s.tools.seed + 1,
              lint: now ?? (editorText === trusted.text ? { ...trusted.lint, checking: true } : { tools: null, problems: [], errorCount: 0, checking: true }),
              lastValid: scenario.tools,
            },
            conversations: { [MAIN_CONVERSATION]: slot(MAIN_CONVERSATION, null, conversationFromScenario(scenario, seq)) },
            order: [MAIN_CONVERSATION],
            session: { savedId: null, savedAt: null, templateId: null, baseline: null, ...session },
          };
        });
        for (const column of scenario.columns ?? []) {
          const id = get().addConversation(column.model);
          setSlot(id, (current) => {
            const state = columnConversation(scenario, column, get().conversations[MAIN_CONVERSATION].state.seq);
            return { ...current, state, handledTicket: state.ticket };
          });
        }
        if (!now) runLint();
        if (session?.baseline === undefined) set((s) => ({ session: { ...s.session, baseline: fingerprint() } }));
        for (const id of get().order) runDueMocks(id);
      },

      setSession: (patch) => set((s) => ({ session: { ...s.session, ...patch } })),
      setKeyConfigured: (keyConfigured) => set((s) => (s.server.keyConfigured === keyConfigured ? s : { server: { ...s.server, keyConfigured } })),
      markSaved: (patch = {}) => set((s) => ({ session: { ...s.session, ...patch, baseline: fingerprint() } })),
      snapshot,
      currentLint,
      hasUnsavedWork: () => fingerprint() !== get().session.baseline,

      openUndoable: (work, label) => {
        const { settings, tools, conversations, order, session } = get();
        get().open(work);
        pushUndo({ kind: 'work', label, before: { settings, tools, conversations, order, session }, focusKey: null });
      },

      undo: () => {
        const record = get().undoHistory.at(-1);
        if (!record) return false;
        set((s) => ({ undoHistory: s.undoHistory.slice(0, -1) }));
        if (record.kind === 'work') {
          stopAll();
          const { settings, tools, conversations, order, session } = record.before;
          // The editor takes the tools back (a test case opened with its own).
          set((s) => ({ settings, conversations, order, session, tools: tools.text === s.tools.text ? s.tools : { ...tools, seed: s.tools.seed + 1 } }));
          return true;
        }
        const slotNow = get().conversations[record.conversationId];
        if (!slotNow) return false;
        // What a Run from here or a Regenerate started goes with it.
        stopOne(record.conversationId);
        const state = applyEvent(slotNow.state, { type: 'undone', to: record.before });
        setSlot(record.conversationId, () => ({ state, handledTicket: state.ticket, held: state.pendingCall }));
        return true;
      },

      dismissUndo: () => set((s) => ({ undoDismissed: s.undoHistory.at(-1)?.id ?? s.undoDismissed })),

      ...createCompareActions({ get, set }, { pushUndo }),
      ...serverRunActions,
      setMcpServers: (servers) => {
        serverRuns.setMcpServers(servers);
        for (const id of get().order) serverRuns.runDueServerCalls(id);
      },
    };
  });
  lintOnStart();
  mocksOnStart();
  // Another model or another "Check for" choice brings other providers' rules: the tools are checked again.
  store.subscribe((state, previous) => {
    if (state.settings === previous.settings && state.order === previous.order && state.conversations === previous.conversations) return;
    if (checkTargetsKey(state) !== checkTargetsKey(previous)) lintOnStart();
  });
  return store;
}
