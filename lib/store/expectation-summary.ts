/**
 * An expectation in one line, as a turn shows it while it is not edited. Free of zod and of the
 * matcher: it is part of the page from its first paint.
 */
import type { ArgumentExpectation, TurnExpectation } from '@/lib/evaluate/types';

const json = (value: unknown) => JSON.stringify(value);

/** One argument's rule in a few words: `location one of "Boston, MA", "Boston"`. */
function ruleWords(name: string, rule: ArgumentExpectation): string {
  const optional = rule.kind !== 'absent' && rule.optional ? ' (may be left out)' : '';
  switch (rule.kind) {
    case 'equals':
      return `${name} = ${json(rule.value)}${optional}`;
    case 'one_of':
      return `${name} one of ${rule.values.map(json).join(', ')}${optional}`;
    case 'regex':
      return `${name} matches /${rule.pattern}/${optional}`;
    case 'schema':
      return `${name} matches a schema${optional}`;
    case 'any':
      return `${name} any${optional}`;
    case 'absent':
      return `no ${name}`;
  }
}

/** The expectation in one line, as the turn shows it while it is not edited. */
export function summarizeExpectation(expect: TurnExpectation): string {
  const calls = expect.calls.length
    ? expect.calls
        .map((call) => {
          const rules = Object.entries(call.arguments).map(([name, rule]) => ruleWords(name, rule));
          if (call.extra) rules.push('others allowed');
          return `${call.name}(${rules.join('; ')})`;
        })
        .join(', ')
    : 'no tool call';
  const mentions = expect.answer_mentions?.length ? `; the answer mentions ${expect.answer_mentions.map(json).join(', ')}` : '';
  return `${calls}${mentions}`;
}
