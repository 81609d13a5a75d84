/**
 * Answering once for every model column that made the same call: given the call one column is
 * answering, the calls of the other columns that are the same (same function, same arguments after
 * JSON normalisation: lib/compare/calls.ts) and still wait for a result.
 */
import { compareCall, type CallLike } from './calls';

export interface ColumnCall extends CallLike {
  /** The card's key within its conversation. */
  key: string;
  /** Whether the call still waits for its result (approve or reject). */
  waiting: boolean;
}

export interface ColumnCalls {
  /** The conversation (model column) id. */
  column: string;
  calls: readonly ColumnCall[];
}

export interface MatchingCall {
  column: string;
  key: string;
}

/** The waiting calls of the other columns that are the same call as `call`, in column order. */
export function matchingCalls(columns: readonly ColumnCalls[], from: string, call: CallLike): MatchingCall[] {
  const key = compareCall(call).key;
  return columns.flatMap(({ column, calls }) =>
    column === from ? [] : calls.filter((other) => other.waiting && compareCall(other).key === key).map((other) => ({ column, key: other.key })),
  );
}
