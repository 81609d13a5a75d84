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
import { applyEvent, nextAction, requestMessages, requestSizeProblem, type ConversationEvent } from '@/lib/conversation/reducer';
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
import { blockReason, settingsProblem } from './selectors';
import type { ConversationSlot, PlaygroundData, SessionState, Settings, ToolsState, WorkSnapshot } from './types';

export interface PlaygroundDeps {
  streamChat: (body: ChatRequest, options: StreamOptions) => Promise<StreamResult>;
  /** The tools lint now; null while the schema checks have not loaded. */
  lintNow: (text: string) => ToolsLint | null;
  /** The tools lint, loading the schema checks if needed; never rejects. */
  lint: (text: string) => Promise<ToolsLint>;
  now: () => number;
  newRequestId: () => string;
  /** The lint runs this long after the last edit at most (Monaco's markers follow it). */
  lintDelayMs: number;
  /** Runs a JavaScript mock for one call (a sandboxed worker in the page); never rejects. */
  runMock: (request: SandboxRequest) => Promise<MockRun>;
}

/** What replaces the open work: a scenario, and where it came from. */
export interface OpenedWork {
  scenario: Scenario;
  /** The editor's text as the person left it (work kept across a reload), which may not parse. */
  toolsText?: string;
  session?: Partial<SessionState>;
}

export interface PlaygroundActions {
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

export function toolsText(tools: readonly Tool[]): string {
  return `${JSON.stringify(tools, null, 2)}\n`;
}

function settingsOf(scenario: Scenario): Settings {
  const { version: _v, tools: _t, messages: _m, results: _r, inspector: _i, ...settings } = scenario;
  return settings;
}

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
      return deps.lintNow(text) ?? (text === trusted.text ? trusted.lint : null);
    };

    const runLint = () => {
      lintTimer = null;
      const { text } = get().tools;
      const shown = (lint: ToolsLint) => {
        if (get().tools.text !== text) return; // its own lint follows
        setTools({ lint, ...(lint.tools ? { lastValid: lint.tools } : {}) });
      };
      const now = deps.lintNow(text);
      if (now) shown(now);
      else void deps.lint(text).then(shown);
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
    };

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
      const started = !blockReason(get(), current.state) && start(id);
      setSlot(id, () => ({ held: !started }));
    };

    /** Starts the due call of one conversation; false when the live settings or tools refuse it. */
    const start = (id: string): boolean => {
      const { settings, conversations } = get();
      const current = conversations[id];
      if (!current) return false;
      if (current.state.activeRequestId) return true;
      const lint = currentLint();
      if (!lint?.tools || settingsProblem(settings, lint, get().server) || requestSizeProblem(current.state, settings.system)) return false;
      const requestId = deps.newRequestId();
      const body = buildChatRequest(
        { ...settings, model: current.model ?? settings.model, tools: lint.tools },
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

    const stopAll = () => {
      for (const abort of inFlight.values()) abort.abort();
      inFlight.clear();
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
      return { scenario, toolsText: tools.text, invalidToolsText: valid ? null : tools.text };
    };

    const fingerprint = () => {
      const { scenario, invalidToolsText } = snapshot();
      return scenarioFingerprint(scenario, invalidToolsText);
    };

    return {
      settings: settingsOf(initial),
      tools: { text: trusted.text, seed: 0, lint: { ...trusted.lint, checking: true }, lastValid: initial.tools },
      conversations: { [MAIN_CONVERSATION]: slot(MAIN_CONVERSATION, null, conversationFromScenario(initial)) },
      order: [MAIN_CONVERSATION],
      session: { savedId: null, savedAt: null, templateId: null, baseline: null },
      server: { keyConfigured: null },

      patchSettings: (change) => set((s) => ({ settings: { ...s.settings, ...change } })),

      toolsEdited: (text) => {
        if (text === get().tools.text) return;
        setTools({ text });
        scheduleLint();
      },

      replaceTools: (text) => {
        const now = deps.lintNow(text);
        setTools({ text, seed: get().tools.seed + 1, lint: now ?? { tools: null, problems: [], errorCount: 0, checking: true } });
        runLint();
      },

      send: () => {
        const data = get();
        const text = data.settings.draft;
        if (!text.trim()) return false;
        const ready = data.order.every((id) => {
          const { state } = data.conversations[id];
          return !state.activeRequestId && nextAction(state).type !== 'await-results' && !blockReason(data, state);
        });
        if (!ready) return false;
        set((s) => ({ settings: { ...s.settings, draft: '' } }));
        for (const id of data.order) apply(id, { type: 'userSent', text });
        return true;
      },

      editResult: (id, callKey, text) => apply(id, { type: 'resultEdited', callKey, text }),
      approve: (id, callKey) => apply(id, { type: 'callApproved', callKey }),
      reject: (id, callKey) => apply(id, { type: 'callRejected', callKey }),
      retry: (id) => apply(id, { type: 'retryRequested' }),

      continueCall: (id) => {
        const current = get().conversations[id];
        if (!current || nextAction(current.state).type !== 'call') return false;
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
        if (lintTimer) clearTimeout(lintTimer);
        lintTimer = null;
        const editorText = text ?? toolsText(scenario.tools);
        trusted = { text: toolsText(scenario.tools), lint: { tools: scenario.tools, problems: [], errorCount: 0 } };
        const now = deps.lintNow(editorText);
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
        if (!now) runLint();
        if (session?.baseline === undefined) set((s) => ({ session: { ...s.session, baseline: fingerprint() } }));
        runDueMocks(MAIN_CONVERSATION);
      },

      setSession: (change) => set((s) => ({ session: { ...s.session, ...change } })),
      setKeyConfigured: (keyConfigured) => set((s) => (s.server.keyConfigured === keyConfigured ? s : { server: { keyConfigured } })),
      markSaved: (change = {}) => set((s) => ({ session: { ...s.session, ...change, baseline: fingerprint() } })),
      snapshot,
      currentLint,
      hasUnsavedWork: () => fingerprint() !== get().session.baseline,
    };
  });
  lintOnStart();
  mocksOnStart();
  return store;
}
