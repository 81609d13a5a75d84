/**
 * Where a turn stands in the guide's four steps, for the step rail: the step lit now, the ones the
 * turn has passed, and whether the model answered without asking for a tool (2 and 3 skipped).
 */
import type { DemoStep, RailStep } from './types';

export interface RailState {
  /** The turn of the step shown (1 for the first); 0: nothing has happened yet. */
  turn: number;
  /** The step lit; null before the first one. */
  current: RailStep | null;
  /** The steps this turn has been through, the current one included. */
  reached: RailStep[];
  /** The turn ended with an answer (nothing more happens until the person writes again). */
  answered: boolean;
  /** The model answered without asking for a tool: steps 2 and 3 did not happen. */
  skippedTools: boolean;
  /** The turn waits on something (the reply streams, a call waits for approval). */
  waiting: boolean;
}

export const NO_RAIL: RailState = { turn: 0, current: null, reached: [], answered: false, skippedTools: false, waiting: false };

/** The rail after `steps[at]` (at = -1: before any). */
export function railAt(steps: readonly DemoStep[], at = steps.length - 1): RailState {
  const step = steps[at];
  if (!step) return NO_RAIL;
  const inTurn = steps.slice(0, at + 1).filter((s) => s.turn === step.turn);
  const reached = [...new Set(inTurn.map((s) => s.rail))].sort();
  const last = step.arrows.at(-1);
  const answered = last?.kind === 'shown';
  return {
    turn: step.turn,
    current: step.rail,
    reached,
    answered,
    skippedTools: answered && !reached.includes(2),
    // A call still waiting may sit in an earlier step (one of two parallel calls answered).
    waiting: inTurn.some((s) => s.arrows.some((arrow) => arrow.status === 'pending')),
  };
}
