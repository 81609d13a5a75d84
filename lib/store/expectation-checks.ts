/**
 * What a conversation's expectations say of its turns (lib/evaluate/match.ts), for the page to show on
 * the call cards and under the answers. Apart from expectations.ts: the matcher brings the linear-time
 * regular expressions (re2js) with it, which the page loads only once some turn has an expectation.
 */
import type { Entry } from '@/lib/conversation/state';
import { expectedTurns } from '@/lib/conversation/turns';
import { matchCall, matchTurn, PENDING } from '@/lib/evaluate/match';
import type { Tool } from '@/lib/wire/chat';

/** A verdict as shown: failures, and what cannot be judged yet ("Pending: …"). */
export interface ShownVerdict {
  pass: boolean;
  failures: string[];
  pending: string[];
}

/** What a conversation's expectations say: per turn (shown under its last reply), and per call card. */
export interface ExpectationChecks {
  /** Reply entry key → the verdict of the turn it ends (so far), and whether the turn is over. */
  turns: Map<string, ShownVerdict & { finished: boolean }>;
  /** Call card key → its verdict against the expected call it meets, or the closest it does not. */
  calls: Map<string, ShownVerdict>;
  /** Whether some expectation needs the schema engine (a `schema` rule): the page loads it. */
  needsSchemas: boolean;
}

function shown(pass: boolean, reasons: readonly string[]): ShownVerdict {
  return { pass, failures: reasons.filter((r) => !r.startsWith(PENDING)), pending: reasons.filter((r) => r.startsWith(PENDING)) };
}

/** Each expected turn's verdict (lib/evaluate/match.ts), and each of its calls'. */
export function expectationChecks(entries: readonly Entry[], tools: readonly Tool[]): ExpectationChecks {
  const checks: ExpectationChecks = { turns: new Map(), calls: new Map(), needsSchemas: false };
  for (const turn of expectedTurns(entries)) {
    const user = entries[turn.at];
    const last = turn.replies.at(-1);
    if (user.kind !== 'user' || !user.expect || !last || last.status === 'streaming') continue;
    const expect = user.expect;
    if (expect.calls.some((call) => Object.values(call.arguments).some((rule) => rule.kind === 'schema'))) checks.needsSchemas = true;
    const made = turn.cards.map((card) => ({ name: card.name, arguments: card.arguments }));
    const verdict = matchTurn(expect, { calls: made, answer: turn.answer }, tools);
    checks.turns.set(last.key, { ...shown(verdict.pass, verdict.reasons), finished: turn.answer !== null });
    const toolOf = (name: string) => tools.find((tool) => tool.function.name === name);
    turn.cards.forEach((card, j) => {
      const i = verdict.matched.indexOf(j);
      if (i !== -1) {
        const call = matchCall(expect.calls[i], made[j], toolOf(card.name));
        checks.calls.set(card.key, shown(call.pass, call.reasons));
        return;
      }
      if (expect.calls.length === 0) {
        checks.calls.set(card.key, shown(false, ['No tool call was expected in this turn']));
        return;
      }
      // Not matched: why not, against the closest expected call of its function that is still free.
      const free = expect.calls.filter((call, k) => call.name === card.name && verdict.matched[k] === null);
      const closest = free
        .map((call) => matchCall(call, made[j], toolOf(card.name)))
        .reduce<{ pass: boolean; reasons: string[] } | null>((best, next) => (best && best.reasons.length <= next.reasons.length ? best : next), null);
      const reasons = closest ? closest.reasons : [`No call to ${card.name} is expected${expect.calls.some((call) => call.name === card.name) ? ' beyond those already met' : ''}`];
      checks.calls.set(card.key, shown(false, reasons.length ? reasons : ['It does not meet an expected call']));
    });
  }
  return checks;
}

/** Loads the schema checks a `schema` rule needs (until then such a rule is pending). */
export { prepareMatcher } from '@/lib/evaluate/match';
