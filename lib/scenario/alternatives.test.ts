/** The scenario's optional `alternatives` (answers kept by Regenerate): read leniently, bounded, and round-tripped. */
import { describe, expect, it } from 'vitest';
import { MAX_BRANCH_DEPTH, MAX_STORED_ENTRIES, MAX_VERSIONS } from '@/lib/conversation/branches';
import { cloneScenario, DEFAULT_SCENARIO, type Scenario, type ScenarioBranch } from './base';
import { restoreScenario } from './scenario';
import { compactScenario, decodeShareHash, encodeScenario } from './share-link';
import { parseScenarioFile, serializeScenarioFile } from './library';

const asked: Scenario['messages'] = [
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello' },
];

function withAlternatives(alternatives: unknown): unknown {
  return { ...cloneScenario(DEFAULT_SCENARIO), messages: asked, alternatives };
}

function restored(input: unknown): Scenario {
  const result = restoreScenario(input);
  if (!result.ok) throw new Error(result.error);
  return result.scenario;
}

const one: ScenarioBranch = { at: 1, current: 1, others: [{ messages: [{ role: 'assistant', content: 'Hey' }] }] };

describe('alternatives in a scenario', () => {
  it('are optional: absent, empty or unreadable, the scenario has none (and compares as it did)', () => {
    expect('alternatives' in restored(withAlternatives(undefined))).toBe(false);
    expect('alternatives' in restored(withAlternatives([]))).toBe(false);
    expect('alternatives' in restored(withAlternatives('nope'))).toBe(false);
    expect('alternatives' in compactScenario(restored(withAlternatives([])))).toBe(false);
  });

  it('round-trip through a file, a link and storage exactly, assistant messages filled as the conversation\'s', () => {
    const nested: ScenarioBranch = {
      at: 1,
      current: 0,
      others: [
        {
          messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c1', content: '1' }, { role: 'assistant', content: 'One.' }],
          alternatives: [{ at: 2, current: 1, others: [{ messages: [{ role: 'assistant', content: 'Uno.' }] }] }],
        },
      ],
    };
    const scenario = restored(withAlternatives([nested]));
    expect(scenario.alternatives).toEqual([nested]);
    expect(restored(JSON.parse(serializeScenarioFile(scenario)))).toEqual(scenario);
    const file = parseScenarioFile(serializeScenarioFile(scenario));
    expect(file.ok && file.value).toEqual(scenario);
    const link = decodeShareHash(`#${encodeScenario(scenario)}`);
    expect(link.kind === 'ok' && link.scenario.alternatives).toEqual([nested]);
    // A link leaves out `type: "function"` and `content: null`, as it does for the conversation.
    expect(JSON.stringify(compactScenario(scenario).alternatives)).not.toContain('"type"');
  });

  it('drop a branch that does not fit: a place out of range or repeated, bad messages, no versions', () => {
    const scenario = restored(
      withAlternatives([
        one,
        { ...one, others: [{ messages: [{ role: 'assistant', content: 'again at 1' }] }] },
        { at: 3, current: 0, others: [{ messages: [] }] },
        { at: 0, current: 0, others: [{ messages: [{ role: 'wizard', content: 'x' }] }] },
        { at: 0, current: 0, others: [] },
        { at: -1, current: 0, others: [{ messages: [] }] },
        { at: 1.5, current: 0, others: [{ messages: [] }] },
        null,
      ]),
    );
    expect(scenario.alternatives).toEqual([one]);
    // Places ascend: a later branch before an earlier one is dropped.
    expect(restored(withAlternatives([one, { at: 0, current: 0, others: [{ messages: [] }] }])).alternatives).toEqual([one]);
  });

  it('are bounded: versions per place, nesting depth (no recursion past it), messages kept aside', () => {
    const many = { at: 1, current: 99, others: Array.from({ length: 50 }, (_, i) => ({ messages: [{ role: 'assistant', content: `v${i}` }] })) };
    const kept = restored(withAlternatives([many])).alternatives!;
    expect(kept[0].others).toHaveLength(MAX_VERSIONS - 1);
    expect(kept[0].current).toBe(MAX_VERSIONS - 1);

    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [{ at: 1, current: 0, others: [{ messages: [{ role: 'assistant', content: 'x' }, { role: 'assistant', content: 'y' }], alternatives: deep }] }];
    const depthOf = (branches: ScenarioBranch[] | undefined): number => (branches?.length ? 1 + depthOf(branches[0].others[0].alternatives) : 0);
    expect(depthOf(restored(withAlternatives(deep)).alternatives)).toBe(MAX_BRANCH_DEPTH);

    const heavy = Array.from({ length: 2 }, (_, i) => ({
      at: i,
      current: 0,
      others: [{ messages: Array.from({ length: MAX_STORED_ENTRIES - 10 }, () => ({ role: 'user', content: 'x' })) }],
    }));
    const bounded = restored(withAlternatives(heavy)).alternatives!;
    expect(bounded).toHaveLength(1);
  });

  it('move with a system message lifted into `system`', () => {
    const scenario = restored({
      ...cloneScenario(DEFAULT_SCENARIO),
      system: '',
      messages: [{ role: 'system', content: 'Be brief.' }, ...asked],
      alternatives: [{ ...one, at: 2 }],
    });
    expect(scenario.system).toBe('Be brief.');
    expect(scenario.alternatives).toEqual([one]);
  });

  it('do not count toward the request-size limit (they are never sent)', () => {
    const big = 'x'.repeat(400_000);
    const scenario = restored(withAlternatives([{ at: 1, current: 0, others: [{ messages: [{ role: 'assistant', content: big }] }, { messages: [{ role: 'assistant', content: big }] }, { messages: [{ role: 'assistant', content: big }] }] }]));
    expect(scenario.alternatives?.[0].others).toHaveLength(3);
  });
});
