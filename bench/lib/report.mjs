/**
 * Statistics and reporting for the benchmarks: quantiles, the machine line, a figure printed beside
 * its budget, and bench/RESULTS.md, where each benchmark replaces only its own section.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST_DIR, ROOT } from './paths.mjs';

export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
export const median = (values) => quantile(values, 0.5);

export function machine() {
  let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // keep Node's count
  }
  const date = execFileSync('date', { encoding: 'utf8' }).trim();
  const cpu = os.cpus()[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return { nproc, date, cpu, memGiB, node: process.version };
}

export const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const verdict = (ok) => (ok ? 'pass' : '**MISS**');

/** Prints a figure with its budget beside it; returns the table row for RESULTS.md. */
export function figure(name, value, budget, ok) {
  const line = `  ${name.padEnd(48)} ${String(value).padStart(14)}   budget ${budget.padEnd(14)} ${ok === undefined ? '' : ok ? 'pass' : 'MISS'}`;
  console.log(line);
  return `| ${name} | ${value} | ${budget} | ${ok === undefined ? '—' : verdict(ok)} |`;
}

/**
 * Replaces this benchmark's section in bench/RESULTS.md (between its markers), keeping the others,
 * so each `npm run bench:*` records its own latest run.
 */
export function recordResults(id, title, lines) {
  const file = path.join(ROOT, 'bench/RESULTS.md');
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const section = `${start}\n## ${title}\n\n${lines.join('\n')}\n${end}`;
  const header =
    '# Benchmark results\n\nWritten by the scripts in `bench/` (each replaces its own section on every run). ' +
    'Figures are ratios or differences measured within one run, on the machine named in each section; ' +
    'tests never assert timings. Run everything with `npm run bench` (it builds into `.next-bench` first); see bench/README.md.\n';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const order = ['bench:proxy', 'bench:proxy-ab', 'bench:steps', 'bench:load', 'bench:page', 'bench:share', 'bench:conversation', 'bench:eval', 'bench:eval-page', 'notes'];
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + section + text.slice(text.indexOf(end) + end.length);
  } else {
    // Insert before the first section that comes later in the fixed order, else append.
    const later = order.slice(order.indexOf(id) + 1).map((o) => `<!-- ${o}:start -->`).find((m) => text.includes(m));
    text = later ? text.replace(later, `${section}\n\n${later}`) : `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(file, text);
}

/**
 * The options every script takes: --quick (fewer runs, nothing recorded) and --no-record; `command`
 * is how the run was started, for its provenance.
 */
export function benchOptions(script) {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  return {
    args,
    quick,
    record: !args.includes('--no-record') && !quick,
    command: `npm run ${script}${args.length ? ` -- ${args.join(' ')}` : ''}`,
  };
}

/** The machine/date/command block every section starts with. */
export function provenance(command, extra = [], { usesBuild = true } = {}) {
  const m = machine();
  const buildId = path.join(ROOT, DIST_DIR, 'BUILD_ID');
  const built = usesBuild && existsSync(buildId) ? statSync(buildId).mtime.toISOString().replace(/\.\d+Z$/, 'Z') : null;
  return [
    `- machine: ${m.nproc} cores (\`nproc\`), ${m.cpu}, ${m.memGiB} GiB, Node ${m.node}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (a shared machine: other work was running)`,
    `- date: ${m.date} (\`date\`)`,
    `- command: \`${command}\`${built ? ` (build in \`${DIST_DIR}\` from ${built})` : ''}`,
    ...extra,
    '',
  ];
}
