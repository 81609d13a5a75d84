import { describe, expect, it } from 'vitest';
import { EVALUATE_LIMITS, type TestCase } from '@/lib/evaluate/types';
import { addCases, caseFromConversation, caseQuestion, describeExpectation, nextCaseId } from './test-cases';

const tc = (id: string): TestCase => ({ id, messages: [{ role: 'user', content: id }], expect: { calls: [] } });

describe('describeExpectation', () => {
  it('says each call and argument in a line, with the dataset’s names', () => {
    expect(
      describeExpectation(
        {
          calls: [
            {
              name: 'spotify_play',
              arguments: {
                artist: { kind: 'one_of', values: ['Taylor Swift', 'taylor swift'] },
                duration: { kind: 'equals', value: 20, optional: true },
                genre: { kind: 'absent' },
                mood: { kind: 'regex', pattern: '^calm' },
                extra: { kind: 'any' },
                shape: { kind: 'schema', schema: { type: 'object' } },
              },
            },
          ],
          answer_mentions: ['playing'],
        },
        { spotify_play: 'spotify.play' },
      ),
    ).toBe('spotify.play(artist ∈ {"Taylor Swift", "taylor swift"}, duration? = 20, no genre, mood ~ /^calm/, extra: any, shape matches a schema), then the answer mentions "playing"');
    expect(describeExpectation({ calls: [] })).toBe('no tool call');
  });

  it('cuts long values', () => {
    expect(describeExpectation({ calls: [{ name: 'f', arguments: { a: { kind: 'equals', value: 'x'.repeat(100) } } }] })).toMatch(/^f\(a = "x{38}…\)$/);
  });
});

describe('addCases', () => {
  it('adds new ids and replaces a case of a taken id', () => {
    const again = { ...tc('Paris'), messages: [{ role: 'user' as const, content: 'Paris, again?' }] };
    const out = addCases([tc('Paris')], [again, tc('Oslo')]);
    expect(out).toMatchObject({ added: 1, replaced: 1, skipped: [] });
    expect(out.cases.map((c) => caseQuestion(c))).toEqual(['Paris, again?', 'Oslo']);
  });

  it('stops at the scenario’s bound and says which were left out', () => {
    const full = Array.from({ length: EVALUATE_LIMITS.maxCases }, (_, i) => tc(`c${i}`));
    const out = addCases(full, [tc('c0'), tc('new')]);
    expect(out).toMatchObject({ added: 0, replaced: 1 });
    expect(out.skipped).toEqual([`new: the scenario holds at most ${EVALUATE_LIMITS.maxCases} test cases.`]);
  });
});

describe('caseFromConversation', () => {
  it('names cases by the next free number', () => {
    expect(nextCaseId([tc('case-2')])).toBe('case-3');
    expect(nextCaseId([tc('case-1'), tc('case-2')])).toBe('case-3');
  });

  it('expects no call when the model answered in words', () => {
    const made = caseFromConversation({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }] }, []);
    expect(made.ok && made.testCase).toEqual({ id: 'case-1', messages: [{ role: 'user', content: 'Hi' }], expect: { calls: [] } });
  });

  it('refuses a turn not answered yet that has no expectation, and arguments that are not an object', () => {
    expect(caseFromConversation({ messages: [{ role: 'user', content: 'Hi' }] }, []).ok).toBe(false);
    const broken = caseFromConversation(
      { messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '[1' } }] }] },
      [],
    );
    expect(broken.ok === false && broken.problem).toMatch(/not a JSON object/);
  });

  it('reads the question of a case', () => {
    expect(caseQuestion(tc('Where?'))).toBe('Where?');
  });
});
