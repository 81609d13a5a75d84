import { describe, expect, it } from 'vitest';
import type { TurnExpectation } from '@/lib/evaluate/types';
import { WEATHER_TOOL } from '@/lib/scenario/base';
import type { Tool } from '@/lib/wire/chat';
import { argumentDraft, callDraftFor, draftFromCalls, draftFromExpectation, expectationFromDraft, fieldId, type ExpectationDraft } from './expectation-draft';
import { summarizeExpectation } from './expectation-summary';

const FULL: TurnExpectation = {
  calls: [
    {
      name: 'get_current_weather',
      arguments: {
        location: { kind: 'one_of', values: ['Boston, MA', 'Boston'] },
        unit: { kind: 'any', optional: true },
        days: { kind: 'equals', value: 3, optional: true },
        city: { kind: 'regex', pattern: '^Bos' },
        when: { kind: 'schema', schema: { type: 'string' } },
        token: { kind: 'absent' },
      },
      extra: true,
    },
  ],
  answer_mentions: ['Boston'],
};

describe('the expectation editor’s form', () => {
  it('round-trips every rule', () => {
    expect(expectationFromDraft(draftFromExpectation(FULL))).toEqual({ ok: true, expect: FULL });
    expect(expectationFromDraft(draftFromExpectation({ calls: [] }))).toEqual({ ok: true, expect: { calls: [] } });
  });

  it('starts a new call from the tool’s parameters: required ones first, the rest may be left out', () => {
    const tool: Tool = {
      type: 'function',
      function: { name: 'book', parameters: { type: 'object', properties: { note: { type: 'string' }, seat: { type: 'string' } }, required: ['seat'] } },
    };
    expect(callDraftFor('book', [tool]).args.map(({ name, kind, optional }) => ({ name, kind, optional }))).toEqual([
      { name: 'seat', kind: 'any', optional: false },
      { name: 'note', kind: 'any', optional: true },
    ]);
    expect(callDraftFor('get_current_weather', [WEATHER_TOOL]).args.map((a) => a.name)).toEqual(['location', 'unit']);
    expect(callDraftFor('unknown', []).args).toEqual([]);
  });

  it('expects what the turn did: every argument equal to what was sent; no calls, no tool call', () => {
    const draft = draftFromCalls([{ name: 'get_current_weather', arguments: '{"location": "Boston, MA", "unit": "celsius"}' }, { name: 'x', arguments: 'not json' }]);
    expect(expectationFromDraft(draft)).toEqual({
      ok: true,
      expect: {
        calls: [
          { name: 'get_current_weather', arguments: { location: { kind: 'equals', value: 'Boston, MA' }, unit: { kind: 'equals', value: 'celsius' } } },
          { name: 'x', arguments: {} },
        ],
      },
    });
    expect(draftFromCalls([]).noCall).toBe(true);
  });

  it('names every field that stops it being saved, and keeps what was typed', () => {
    const draft: ExpectationDraft = {
      noCall: false,
      calls: [{ id: 'c', name: '', args: [argumentDraft('location', 'equals', 'Boston'), argumentDraft('unit', 'one_of', '[]'), argumentDraft('', 'any'), argumentDraft('r', 'regex', '(')], extra: false }],
      mentions: [' '],
    };
    const typed = structuredClone(draft);
    const result = expectationFromDraft(draft);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => p.field)).toEqual([
      fieldId.function(draft.calls[0]),
      fieldId.value(draft.calls[0].args[0]),
      fieldId.value(draft.calls[0].args[1]),
      fieldId.name(draft.calls[0].args[2]),
      fieldId.value(draft.calls[0].args[3]),
      fieldId.mention(0),
    ]);
    expect(problems[1].message).toMatch(/^Call 1, argument “location”: this is not JSON \(.+\); type a JSON value, e\.g\. "Boston, MA" or 3\.$/);
    expect(problems[2].message).toContain('a JSON list of values');
    expect(problems[4].message).toContain('the regular expression does not parse');
    expect(draft).toEqual(typed);
  });

  it('refuses an argument listed twice, no call at all, and a schema that is not an object', () => {
    const twice = expectationFromDraft({ noCall: false, calls: [{ id: 'c', name: 'f', args: [argumentDraft('a'), argumentDraft(' a ')], extra: false }], mentions: [] });
    expect(!twice.ok && twice.problems[0].message).toContain('listed twice');
    const none = expectationFromDraft({ noCall: false, calls: [], mentions: [] });
    expect(!none.ok && none.problems[0].message).toContain('No tool call');
    const schema = expectationFromDraft({ noCall: false, calls: [{ id: 'c', name: 'f', args: [argumentDraft('a', 'schema', '"string"')], extra: false }], mentions: [] });
    expect(!schema.ok && schema.problems[0].message).toContain('a JSON Schema object');
  });

  it('keeps an argument named __proto__ as data', () => {
    const result = expectationFromDraft({ noCall: false, calls: [{ id: 'c', name: 'f', args: [argumentDraft('__proto__', 'equals', '1')], extra: false }], mentions: [] });
    expect(result.ok && Object.keys(result.expect.calls[0].arguments)).toEqual(['__proto__']);
  });

  it('“No tool call” ignores the calls still in the form', () => {
    const draft = draftFromExpectation(FULL);
    expect(expectationFromDraft({ ...draft, noCall: true })).toEqual({ ok: true, expect: { calls: [], answer_mentions: ['Boston'] } });
  });
});

describe('an expectation in one line', () => {
  it('names each call and rule, or no tool call, and the mentions', () => {
    expect(summarizeExpectation(FULL)).toBe(
      'get_current_weather(location one of "Boston, MA", "Boston"; unit any (may be left out); days = 3 (may be left out); city matches /^Bos/; when matches a schema; no token; others allowed); the answer mentions "Boston"',
    );
    expect(summarizeExpectation({ calls: [] })).toBe('no tool call');
  });
});
