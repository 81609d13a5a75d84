/** Memory of a process and its descendants, from /proc (Linux): what an app under test holds. */
import { readFileSync, readdirSync } from 'node:fs';

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function rssOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Resident set size in bytes of `pid` and every process under it. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const queue = [pid]; queue.length > 0; ) {
    const next = queue.shift()!;
    total += rssOf(next);
    queue.push(...childrenOf(next));
  }
  return total;
}

/** Samples `treeRss(pid)` every `everyMs` until stopped; `stop()` returns the peak. */
export function sampleRss(pid: number, everyMs = 50): { stop: () => number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}
