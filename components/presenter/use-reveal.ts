'use client';

/**
 * A recorded reply played back as a stream: how many of its characters are shown, growing at the
 * chosen speed from the moment `key` changes (a new step arrives), until `total`. `finish` shows it all
 * at once (→ while it streams).
 */
import { useCallback, useEffect, useState } from 'react';

export const REPLAY_SPEEDS = [
  { id: 'slow', label: 'Slow', charsPerSecond: 30 },
  { id: 'normal', label: 'Normal', charsPerSecond: 90 },
  { id: 'fast', label: 'Fast', charsPerSecond: 300 },
  { id: 'instant', label: 'Instant', charsPerSecond: Number.POSITIVE_INFINITY },
] as const;

export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number]['id'];

const TICK_MS = 33;

export function useReveal(key: string | null, total: number, speed: ReplaySpeed): { shown: number; revealing: boolean; finish: () => void } {
  // Starts from no key at all, so that the first render takes the branch below like any new key.
  const [state, setState] = useState<{ key: string | null | undefined; shown: number }>({ key: undefined, shown: 0 });
  const rate = REPLAY_SPEEDS.find((s) => s.id === speed)!.charsPerSecond;
  // A new key starts from nothing (set during render, as React documents for state derived from props).
  const current = state.key === key ? state : { key, shown: key === null || !Number.isFinite(rate) ? total : 0 };
  if (current !== state) setState(current);
  const revealing = key !== null && current.shown < total;

  useEffect(() => {
    if (!revealing) return;
    const step = Math.max(1, Math.round((rate * TICK_MS) / 1000));
    const timer = setInterval(() => setState((s) => (s.key === key ? { key, shown: Math.min(total, s.shown + step) } : s)), TICK_MS);
    return () => clearInterval(timer);
  }, [revealing, key, rate, total]);

  const finish = useCallback(() => setState({ key, shown: total }), [key, total]);
  return { shown: Math.min(current.shown, total), revealing, finish };
}

/** `parts` shown in order up to `shown` characters in all. */
export function revealParts(parts: readonly string[], shown: number): string[] {
  let left = shown;
  return parts.map((part) => {
    const out = part.slice(0, Math.max(0, left));
    left -= part.length;
    return out;
  });
}
