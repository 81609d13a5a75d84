/** "85 ms", "1.24 s"; "—" when there is no time. */
export function ms(value: number | null): string {
  if (value == null) return '—';
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}
