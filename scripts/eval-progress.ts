/**
 * Progress of `npm run eval` on stderr: on a terminal, one bar per model redrawn in place (at most ten
 * times a second); otherwise (CI logs) a plain line per model at every tenth of its cases, and at its end.
 */
import type { EvaluationProgress } from '@/lib/evaluate/run';

const BAR = 24;

export function progressLine(entry: EvaluationProgress['models'][number], total: number, width: number, bar: boolean): string {
  const name = entry.model.padEnd(width);
  const counts = `${String(entry.done).padStart(String(total).length)}/${total}  passed ${entry.passed}  failed ${entry.failed}  errors ${entry.errors}`;
  if (!bar) return `${name}  ${counts}`;
  const filled = total === 0 ? BAR : Math.round((entry.done / total) * BAR);
  return `${name}  [${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}]  ${counts}`;
}

export interface ProgressView {
  update: (progress: EvaluationProgress) => void;
  /** Draws the last state (a terminal's bar may be behind its throttle). */
  finish: () => void;
}

export function progressView(stream: NodeJS.WriteStream, models: readonly string[], total: number): ProgressView {
  const width = Math.max(...models.map((model) => model.length));
  let last: EvaluationProgress = { total, models: models.map((model) => ({ model, done: 0, passed: 0, failed: 0, errors: 0 })) };
  if (stream.isTTY) {
    let drawn = false;
    let at = 0;
    const draw = () => {
      if (drawn) stream.write(`\x1b[${models.length}A`);
      stream.write(last.models.map((entry) => `\x1b[2K${progressLine(entry, total, width, true)}\n`).join(''));
      drawn = true;
      at = Date.now();
    };
    draw();
    return {
      update: (progress) => {
        last = progress;
        if (Date.now() - at >= 100) draw();
      },
      finish: draw,
    };
  }
  const step = Math.max(1, Math.ceil(total / 10));
  const shown = new Map<string, number>();
  return {
    update: (progress) => {
      for (const entry of progress.models) {
        const before = shown.get(entry.model) ?? 0;
        if (Math.floor(entry.done / step) > Math.floor(before / step) || (entry.done === total && before !== total)) {
          shown.set(entry.model, entry.done);
          stream.write(`${progressLine(entry, total, width, false)}\n`);
        }
      }
      last = progress;
    },
    finish: () => {
      for (const entry of last.models) if (shown.get(entry.model) !== entry.done) stream.write(`${progressLine(entry, total, width, false)}\n`);
    },
  };
}
