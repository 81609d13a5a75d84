'use client';

/**
 * The conversation: role="log" named "Conversation", one article per message. Follows the newest
 * message while the person is at the bottom; leaves them alone when they scroll up to read. It scrolls
 * when the log's size changes (a ResizeObserver, told after layout), never by reading the layout during
 * a render: that forced a layout of the whole page on every render, keystrokes in the Message box
 * included, and with a long text in the page each one took seconds. After a call is approved or
 * rejected, focus moves to the next call waiting for a result, or to the Message box when none is
 * left, so a keyboard user goes on from where they are.
 *
 * Each answered call's result shows once, in its card: the tool message it went back as is not shown
 * again as a row (a tool message without such a call still is). Every message's toolbar acts through
 * the store; a change that removes what had focus sends focus to the Undo notice's button, Regenerate
 * to the new answer's pager, and Undo to the message it brought back.
 */
import { Fragment, memo, useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import {
  callForToolMessage,
  foldedResults,
  regenerateProblemAt,
  runProblemOf,
  unansweredCalls,
  type Entry,
  type ToolCallCard,
} from '@/lib/conversation/reducer';
import { serverRunFor } from '@/lib/store/server-runs';
import type { ServerRunControls } from './server-run';
import { versionCount } from '@/lib/conversation/branches';
import { sameCallsElsewhere } from '@/lib/store/compare';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import {
  AssistantArticle,
  OtherArticle,
  StandalonePager,
  ToolArticle,
  UserArticle,
  type AnswerControls,
  type MessageControls,
} from './message-article';
import type { ExpectationControls } from './user-expectations';
import { turnAt } from '@/lib/conversation/turns';
import { useExpectationChecks } from './use-expectation-checks';
import { MESSAGE_BOX_ID } from './composer';
import { GuideLink } from '@/components/ui/guide-link';
import { focusSoon, messageId, pagerId, UNDO_BUTTON_ID } from './ids';

interface Props {
  conversationId: string;
  /** Fork from here: the page saves the work first when it is not saved, then forks (the store's `fork`). */
  onFork?: (conversationId: string, key: string) => void;
  children?: ReactNode;
}

/** Why the conversation cannot be changed now, in words (the toolbar buttons' titles say it). */
const STREAMING = 'a reply is streaming — Stop it first';


/** Memoized: the chat panel renders on every keystroke in the Message box, which changes nothing here. */
export const ConversationLog = memo(function ConversationLog({ conversationId, onFork, children }: Props) {
  const store = usePlaygroundStore();
  const { conversation, currentTools, resultSchemas, validTools } = usePlayground((s) => ({
    conversation: s.conversations[conversationId].state,
    resultSchemas: s.settings.result_schemas,
    // The tools as they are now: used for calls restored from a scenario (no request of their own).
    currentTools: s.tools.lint.tools,
    // What expectations name and are judged against: the last valid tools while the text is broken.
    validTools: s.tools.lint.tools ?? s.tools.lastValid,
  }));
  // In Compare: the calls other columns made too, answerable at once (empty otherwise).
  const sameElsewhere = usePlayground((s) => sameCallsElsewhere(s, conversationId));
  // Re-rendered when the servers, bindings or policies change; each call's run is read from the store.
  usePlayground((s) => [s.server.mcpServers, s.settings.mcp_bindings, s.settings.mcp_policies]);
  const checks = useExpectationChecks(conversation.entries, validTools);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  const requests = useMemo(() => new Map(conversation.calls.map((call) => [call.requestId, call.body])), [conversation.calls]);

  // A new turn (the person sent, or a model call started) brings the view back to the newest message.
  const users = conversation.entries.filter((e) => e.kind === 'user').length;
  useLayoutEffect(() => {
    atBottom.current = true;
  }, [users, conversation.activeRequestId]);

  // The conversation changed: the next size change of the log is its doing (until two frames on, when
  // that layout has been reported), not a person unfolding a long text, which must not move them.
  const changed = useRef(true);
  useLayoutEffect(() => {
    changed.current = true;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        changed.current = false;
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [conversation]);

  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    };
    // Told after layout, when the log or the box it scrolls in changed size (and once at the start).
    const follow = (entries: ResizeObserverEntry[]) => {
      const boxResized = entries.some((entry) => entry.target === el);
      if (atBottom.current && (changed.current || boxResized)) el.scrollTop = el.scrollHeight;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(follow);
    resized?.observe(inner);
    resized?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resized?.disconnect();
    };
  }, []);

  const resultId = (key: string) => `${conversationId}-result-${key}`;
  /** Where focus goes once `key` is answered: the next call still waiting (after it, else before it), else the Message box. */
  const focusAfterAnswer = (key: string) => {
    const waiting = unansweredCalls(store.getState().conversations[conversationId].state);
    const keys = waiting.map((card) => card.key);
    const all = conversation.entries.flatMap((entry) => (entry.kind === 'assistant' ? entry.toolCalls.map((card) => card.key) : []));
    const at = all.indexOf(key);
    const next = keys.find((k) => all.indexOf(k) > at) ?? keys[0];
    // After React has shown the answer (the answered card's buttons are gone by then).
    requestAnimationFrame(() => document.getElementById(next ? resultId(next) : MESSAGE_BOX_ID)?.focus());
  };
  const onEdit = (callKey: string, text: string) => store.getState().editResult(conversationId, callKey, text);
  const onApprove = (callKey: string) => {
    store.getState().approve(conversationId, callKey);
    focusAfterAnswer(callKey);
  };
  const onReject = (callKey: string) => {
    store.getState().reject(conversationId, callKey);
    focusAfterAnswer(callKey);
  };

  const actions = () => store.getState();
  const busy = conversation.activeRequestId ? STREAMING : null;
  const folded = useMemo(() => foldedResults(conversation.entries), [conversation.entries]);
  const branchAt = new Map(conversation.branches.map((branch) => [branch.at, branch]));
  const pagerFor = (at: number): AnswerControls['pager'] => {
    const branch = branchAt.get(at);
    if (!branch) return null;
    return {
      index: branch.current,
      count: versionCount(branch),
      onShow: (index) => {
        actions().showAnswer(conversationId, at, index);
        focusSoon(pagerId(conversationId, at));
      },
      id: pagerId(conversationId, at),
    };
  };
  /** After a change that took away what had focus: the Undo button of its notice. */
  const thenUndo = (changed: boolean) => {
    if (changed) focusSoon(UNDO_BUTTON_ID);
  };
  const controlsFor = (entry: Entry): MessageControls => ({
    id: messageId(conversationId, entry.key),
    busy,
    onEdit: (text, run) => void actions().editMessage(conversationId, entry.key, text, { run }),
    onDelete: () => thenUndo(actions().deleteMessage(conversationId, entry.key)),
    onRun: () => void actions().runFromHere(conversationId, entry.key),
    onFork: () => onFork?.(conversationId, entry.key),
    runProblem: runProblemOf(entry),
  });

  const serverControls = (card: ToolCallCard): ServerRunControls | undefined => {
    const found = serverRunFor(store.getState(), card.name);
    if (!found) return undefined;
    return {
      server: found.binding.server,
      policy: found.policy,
      onRun: () => void actions().runOnServer(conversationId, card.key),
      onCancel: () => actions().cancelServerRun(conversationId, card.key),
    };
  };

  const renderEntry = (entry: Entry, index: number): ReactNode => {
    if (entry.kind === 'user') {
      const expectation: ExpectationControls = {
        tools: validTools,
        made: () => {
          const turn = turnAt(store.getState().conversations[conversationId].state.entries, index);
          return turn.replies.length ? turn.cards.map((card) => ({ name: card.name, arguments: card.arguments })) : null;
        },
        onSave: (expect) => actions().setExpectation(conversationId, entry.key, expect),
      };
      return <UserArticle entry={entry} controls={controlsFor(entry)} expectation={expectation} />;
    }
    if (entry.kind === 'other') return <OtherArticle entry={entry} controls={controlsFor(entry)} />;
    if (entry.kind === 'tool') {
      if (folded.has(entry.key)) return null;
      return <ToolArticle entry={entry} call={callForToolMessage(conversation, entry.toolCallId)} controls={controlsFor(entry)} />;
    }
    const body = entry.requestId ? requests.get(entry.requestId) : undefined;
    const controls: AnswerControls = {
      ...controlsFor(entry),
      onRegenerate: () => {
        if (actions().regenerate(conversationId, entry.key)) focusSoon(pagerId(conversationId, index));
      },
      regenerateProblem: regenerateProblemAt(conversation.entries, index),
      pager: pagerFor(index),
      call: (card) => ({
        onEditArguments: (text) => void actions().editCallArguments(conversationId, card.key, text),
        onEditResult: (text) => void actions().editCallResult(conversationId, card.key, text),
        onDelete: () => thenUndo(actions().deleteCall(conversationId, card.key)),
        server: serverControls(card),
        answerAll: sameElsewhere[card.key]
          ? {
              columns: sameElsewhere[card.key] + 1,
              onApprove: () => {
                actions().answerAll(conversationId, card.key, 'approve');
                focusAfterAnswer(card.key);
              },
              onReject: () => {
                actions().answerAll(conversationId, card.key, 'reject');
                focusAfterAnswer(card.key);
              },
            }
          : undefined,
      }),
      expectation: checks.turns.size ? { turn: checks.turns.get(entry.key), call: (card) => checks.calls.get(card.key) } : undefined,
    };
    return (
      <AssistantArticle
        entry={entry}
        model={body?.model ?? null}
        tools={body ? (body.tools ?? []) : currentTools}
        resultSchemas={resultSchemas}
        responseFormat={body?.response_format}
        onEdit={onEdit}
        onApprove={onApprove}
        onReject={onReject}
        resultId={resultId}
        controls={controls}
      />
    );
  };

  return (
    <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto">
      <div ref={content}>
        <div role="log" aria-label="Conversation" aria-busy={conversation.activeRequestId !== null} className="mx-auto flex max-w-3xl flex-col gap-5 px-4 py-5">
          {conversation.entries.length === 0 ? <EmptyConversation /> : null}
          {conversation.entries.map((entry, index) => {
            // A place whose answers are kept but none is shown here (its answer was deleted): the pager alone.
            const lonePager = entry.kind !== 'assistant' ? pagerFor(index) : null;
            return (
              <Fragment key={entry.key}>
                {lonePager ? <StandalonePager pager={lonePager} busy={busy} /> : null}
                {renderEntry(entry, index)}
              </Fragment>
            );
          })}
          {pagerFor(conversation.entries.length) ? (
            <StandalonePager pager={pagerFor(conversation.entries.length)!} busy={busy} />
          ) : null}
        </div>
        {children}
      </div>
    </div>
  );
});

function EmptyConversation() {
  const steps = [
    ['Send', 'your message goes to the model with the tools.'],
    ['Inspect', 'each tool call: its arguments, checked against the schema.'],
    ['Approve', 'the mock result, edit it, or reject the call.'],
    ['Read', 'the answer the model writes from the results.'],
  ];
  return (
    <div className="mx-auto my-6 w-full max-w-md rounded-xl border border-dashed border-zinc-300 p-5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      <p className="mb-3 font-medium text-zinc-800 dark:text-zinc-200">How a function-calling turn works here</p>
      <ol className="space-y-2">
        {steps.map(([verb, rest], i) => (
          <li key={verb} className="flex gap-2.5">
            <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-[11px] font-semibold text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
              {i + 1}
            </span>
            <span>
              <span className="font-medium text-zinc-800 dark:text-zinc-200">{verb}</span> {rest}
            </span>
          </li>
        ))}
      </ol>
      <p className="mt-3 text-xs">
        These are the steps of the AI/ML API’s <GuideLink>function-calling guide</GuideLink>, with you in the place of the code that runs the functions.
      </p>
    </div>
  );
}
