import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '@/lib/wire/chat';
import { applyEvent } from './reducer';
import { fromRecords, RAW_CHARS_PER_CALL, RAW_CHARS_PER_CONVERSATION, toRecords } from './records';
import { initialConversation, toWireMessages, type ConversationState } from './state';

const SYSTEM = { role: 'system' as const, content: 'Be brief.' };

/** A conversation of `turns` plain turns, each call's raw stream `rawChars` long. */
function conversation(turns: number, rawChars = 10): ConversationState {
  let state = initialConversation;
  for (let i = 0; i < turns; i++) {
    state = applyEvent(state, { type: 'userSent', text: `q${i}` });
    const body: ChatRequest = { model: 'gpt-4o', messages: [SYSTEM, ...toWireMessages(state)], stream: true };
    const requestId = `r${i}`;
    state = applyEvent(state, { type: 'requestStarted', requestId, body, at: 1000 * i });
    state = applyEvent(state, { type: 'rawReceived', requestId, text: 'x'.repeat(rawChars), at: 1000 * i + 3 });
    state = applyEvent(state, {
      type: 'chunkReceived',
      requestId,
      at: 1000 * i + 5,
      chunk: { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: `a${i}` }, finish_reason: 'stop' }] },
    });
    state = applyEvent(state, { type: 'streamFinished', requestId, at: 1000 * i + 9, mocks: {} });
  }
  return state;
}

describe('inspector records', () => {
  it('leave out the messages the conversation holds, and rebuild the exact request bodies', () => {
    const state = conversation(3);
    const records = toRecords(state);
    expect(records.map((r) => [r.system, r.message_count, 'messages' in r])).toEqual([
      ['Be brief.', 1, false],
      ['Be brief.', 3, false],
      ['Be brief.', 5, false],
    ]);
    expect(records[1]).toMatchObject({ id: 'r1', started_at: 1000, first_token_ms: 5, total_ms: 9, status: 'done', finish_reason: 'stop', raw: 'x'.repeat(10) });
    const calls = fromRecords(records, toWireMessages(state));
    expect(calls.map((call) => call.body)).toEqual(state.calls.map((call) => call.body));
    expect(calls.map((call) => call.firstTokenAt)).toEqual(state.calls.map((call) => call.firstTokenAt));
  });

  it('keep a request whole when its messages are not the start of the conversation', () => {
    const state = conversation(1);
    const odd: ConversationState = { ...state, calls: [{ ...state.calls[0], body: { ...state.calls[0].body, messages: [{ role: 'user', content: 'edited' }] } }] };
    const [record] = toRecords(odd);
    expect(record.messages).toEqual([{ role: 'user', content: 'edited' }]);
    expect(fromRecords([record], toWireMessages(odd))[0].body.messages).toEqual([{ role: 'user', content: 'edited' }]);
  });

  it('point into the conversation again when the messages a call was sent come back (Run from here, then Undo)', () => {
    const state = conversation(2);
    // Run from here on the first message cuts the second turn: its call's messages are kept whole.
    const cut: ConversationState = { ...state, entries: state.entries.slice(0, 1) };
    expect('messages' in toRecords(cut)[1]).toBe(true);
    // Undo puts the same entries and calls back: the record points into the conversation, as before the cut.
    expect(toRecords(state).map((r) => [r.message_count, 'messages' in r])).toEqual([
      [1, false],
      [3, false],
    ]);
    // An entry replaced by one alike (as an edit that changes nothing makes) is compared again, and still holds.
    const edited: ConversationState = { ...state, entries: [{ ...state.entries[0] }, ...state.entries.slice(1)] };
    expect(toRecords(edited)[1].message_count).toBe(3);
  });

  it('keep raw streams within the caps, newest first, and say how long the dropped ones were', () => {
    const big = conversation(1, RAW_CHARS_PER_CALL + 1);
    const [record] = toRecords(big);
    expect(record).toMatchObject({ raw: null, raw_chars: RAW_CHARS_PER_CALL + 1 });
    expect(fromRecords([record], [])[0]).toMatchObject({ raw: '', rawDroppedChars: RAW_CHARS_PER_CALL + 1 });

    const perCall = RAW_CHARS_PER_CALL;
    const many = conversation(Math.ceil(RAW_CHARS_PER_CONVERSATION / perCall) + 2, perCall);
    const records = toRecords(many);
    const kept = records.map((r) => r.raw !== null);
    expect(kept.at(-1)).toBe(true);
    expect(kept[0]).toBe(false);
    expect(records.reduce((sum, r) => sum + (r.raw?.length ?? 0), 0)).toBeLessThanOrEqual(RAW_CHARS_PER_CONVERSATION);
  });

  it('keep the arrival times with the raw stream and the server\'s answer, and give them back', () => {
    let state = conversation(1);
    state = { ...state, calls: [{ ...state.calls[0], http: { status: 200, headers: { 'x-a': '1' } } }] };
    const [record] = toRecords(state);
    expect(record.raw_times).toEqual([[0, 3]]);
    expect(record.http).toEqual({ status: 200, headers: { 'x-a': '1' } });
    expect(fromRecords([record], toWireMessages(state))[0]).toMatchObject({ rawTimes: [[0, 3]], http: { status: 200, headers: { 'x-a': '1' } } });
    // Without its raw stream a record keeps no times; an older record has neither field.
    const [dropped] = toRecords(conversation(1, RAW_CHARS_PER_CALL + 1));
    expect('raw_times' in dropped).toBe(false);
    const { raw_times: _times, http: _http, ...older } = record;
    expect(fromRecords([older], toWireMessages(state))[0]).toMatchObject({ rawTimes: [], http: null });
  });

  it('record a call still streaming as interrupted', () => {
    let state = applyEvent(initialConversation, { type: 'userSent', text: 'hi' });
    state = applyEvent(state, { type: 'requestStarted', requestId: 'r9', body: { model: 'm', messages: toWireMessages(state) }, at: 5 });
    const [record] = toRecords(state);
    expect(record).toMatchObject({ status: 'interrupted', total_ms: null, error: { kind: 'interrupted' } });
  });
});
