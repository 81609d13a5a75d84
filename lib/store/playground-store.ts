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
import type { ToolsLint } from '@/lib/tools/lint';
import { buildChatRequest, isChatError } from '@/lib/wire/chat-client';
import type { MockRun } from '@/lib/mocks/javascript-runner';
import { parseArguments } from '@/lib/mocks/mock';
import { own } from '@/lib/util/json';
import { conversationFields, conversationFromScenario } from './scenario-conversation';
import { columnConversation, columnModel, columnsToScenario, createCompareActions, type CompareActions } from './compare';
import { createWorkbenchActions, forkName, type WorkbenchActions } from './workbench';
import { DEFAULT_DEPS, type PlaygroundDeps } from './deps';
import { createEvaluation, IDLE_EVALUATION, type EvaluationActions } from './evaluate';
import { blockReason, checkTargets, checkTargetsKey, settingsProblem } from './selectors';
import { createServerRunActions, type ServerRunActions } from './server-runs';
import { createToolsLint, toolsText } from './tools-lint';
import type { ConversationSlot, OpenedWork, PlaygroundData, SessionState, Settings, ToolsState, WorkSnapshot } from './types';
import { createUndo, type UndoActions } from './undo';

export type { PlaygroundDeps };

export interface PlaygroundActions extends CompareActions, EvaluationActions, WorkbenchActions, ServerRunActions, UndoActions {
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
}

export type PlaygroundState = PlaygroundData & PlaygroundActions;
export type PlaygroundStore = StoreApi<PlaygroundState>;

export const MAIN_CONVERSATION = 'main';
export { forkName, toolsText };
export type { OpenedWork };
export { MAX_UNDO } from './undo';

function settingsOf(scenario: Scenario): Settings {
  const { version: _v, tools: _t, messages: _m, results: _r, inspector: _i, alternatives: _a, expectations: _e, ...settings } = scenario;
  return settings;
}

function slot(id: string, model: string | null, state: ConversationState = initialConversation): ConversationSlot {
  return { id, model, state, handledTicket: state.ticket, held: false };
}

export function createPlaygroundStore(initial: Scenario, overrides: Partial<PlaygroundDeps> = {}): PlaygroundStore {
  const deps = { ...DEFAULT_DEPS, ...overrides };
  /** The reply in flight of each conversation, by conversation id. */
  const inFlight = new Map<string, AbortController>();
  /** The JavaScript mocks started, by conversation id and call key, so each call's runs once. */
  const mocksStarted = new Set<string>();
  let conversationCounter = 0;
  let lintOnStart: () => void = () => {};
  let mocksOnStart: () => void = () => {};

  const store = createStore<PlaygroundState>()((set, get) => {
    const setSlot = (id: string, change: (slot: ConversationSlot) => Partial<ConversationSlot>) =>
      set((s) => {
        const current = s.conversations[id];
        return current ? { conversations: { ...s.conversations, [id]: { ...current, ...change(current) } } } : s;
      });

    const setTools = (change: Partial<ToolsState>) => set((s) => ({ tools: { ...s.tools, ...change } }));

    const lint = createToolsLint(deps, { get, setTools }, initial.tools);
    const currentLint = (): ToolsLint | null => lint.current();
    lintOnStart = lint.run;

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

    const undo = createUndo({ get, set, setSlot, stopAll, stopOne });
    const { forgetFor, forgetWork } = undo;

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
      undo.push({ kind: 'conversation', conversationId: id, label: label(current.state, state), before: current.state, focusKey });
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
      tools: { ...lint.initial(), seed: 0, lastValid: initial.tools },
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
        lint.schedule();
      },

      replaceTools: (text) => {
        forgetWork();
        setTools({ text, seed: get().tools.seed + 1, lint: lint.replaced(text) });
        lint.run();
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
        undo.forgetAll();
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
        undo.forgetAll();
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
        undo.forgetAll();
        const editorText = text ?? toolsText(scenario.tools);
        const shown = lint.opened(scenario.tools, editorText, checkTargets({ settings: settingsOf(scenario), conversations: {}, order: [] }));
        set((s) => {
          const seq = Math.max(...s.order.map((id) => s.conversations[id].state.seq));
          return {
            settings: settingsOf(scenario),
            tools: {
              text: editorText,
              seed: s.tools.seed + 1,
              lint: shown.lint,
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
        if (!shown.checked) lint.run();
        if (session?.baseline === undefined) set((s) => ({ session: { ...s.session, baseline: fingerprint() } }));
        for (const id of get().order) runDueMocks(id);
      },

      setSession: (patch) => set((s) => ({ session: { ...s.session, ...patch } })),
      setKeyConfigured: (keyConfigured) => set((s) => (s.server.keyConfigured === keyConfigured ? s : { server: { ...s.server, keyConfigured } })),
      markSaved: (patch = {}) => set((s) => ({ session: { ...s.session, ...patch, baseline: fingerprint() } })),
      snapshot,
      currentLint,
      hasUnsavedWork: () => fingerprint() !== get().session.baseline,

      ...undo.actions,

      ...createCompareActions({ get, set }, { pushUndo: undo.push }),
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
