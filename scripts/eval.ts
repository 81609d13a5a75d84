/**
 * `npm run eval -- <file> --models <ids> [options]` (scripts/eval-args.ts has the options): runs the
 * evaluation the page runs (lib/evaluate) against any OpenAI-compatible API — by default the app's own,
 * so the offline simulators, the key and the proxy's normalisation all apply — streaming each call (so
 * time to first token is measured) with lib/wire's own client. Progress goes to stderr, the summary to
 * stdout; results.json and JUnit XML where asked. Run with tsx (a devDependency): Node 20 runs no
 * TypeScript of its own.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '@/lib/evaluate/run';
import { prepareMatcher } from '@/lib/evaluate/match';
import { readEvaluationInput } from '@/lib/evaluate/inputs';
import { scorecardJson } from '@/lib/evaluate/scorecard';
import { scorecardJunit } from '@/lib/evaluate/junit';
import { completeWithStreamChat } from '@/lib/evaluate/stream-complete';
import type { Scorecard } from '@/lib/evaluate/types';
import { formatUsd } from '@/lib/pricing/cost';
import { streamChat } from '@/lib/wire/chat-client';
import { parseEvalArgs, USAGE, type EvalArgs } from './eval-args';
import { progressView } from './eval-progress';

/** Bigger than any dataset the page takes (2,000 cases), small enough to read at once. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;
const PREFLIGHT_MS = 10_000;

/** Exit 2: the command line (shown with the usage) or its input is wrong, or the server is not there. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

function readText(file: string, what: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`Cannot read the ${what} "${file}": no such file`);
  }
  if (size > MAX_INPUT_BYTES) throw new UsageError(`The ${what} "${file}" is ${Math.round(size / 1e6)} MB; at most ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
  return readFileSync(file, 'utf8');
}

/** fetch with the API key, and without the page's inspector header (the raw upstream lines it asks for are the page's). */
function fetchWithKey(apiKey: string | null): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete('x-playground-inspect');
    if (apiKey) headers.set('authorization', `Bearer ${apiKey}`);
    return fetch(input, { ...init, headers });
  };
}

/** Fails early, in words, when the server is not there or refuses the key. */
async function preflight(args: EvalArgs, doFetch: typeof fetch): Promise<void> {
  let response: Response;
  try {
    response = await doFetch(`${args.baseUrl}/models`, { signal: AbortSignal.timeout(PREFLIGHT_MS) });
    await response.body?.cancel();
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new UsageError(`Cannot reach ${args.baseUrl} (${reason}). Start the app (npm start) or pass --base-url.`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new UsageError(`${args.baseUrl} refused the request (${response.status}): pass --api-key, or set OPENAI_API_KEY (PLAYGROUND_ACCESS_TOKEN for the app's access token).`);
  }
}

function summary(scorecard: Scorecard): string {
  const rows = [['model', 'passed', 'failed', 'errors', 'pass rate', 'p50 ms', 'p95 ms', 'tokens in/out', 'cost']];
  for (const score of scorecard.models) {
    rows.push([
      score.model,
      String(score.passed),
      String(score.failed),
      String(score.errors),
      score.total ? `${((100 * score.passed) / score.total).toFixed(1)}%` : '–',
      score.latency.p50 === null ? '–' : String(Math.round(score.latency.p50)),
      score.latency.p95 === null ? '–' : String(Math.round(score.latency.p95)),
      `${score.tokens.prompt}/${score.tokens.completion}`,
      score.cost === null ? 'unknown' : formatUsd(score.cost),
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((value, column) => (column === 0 ? value.padEnd(widths[column]) : value.padStart(widths[column]))).join('  ')).join('\n');
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

async function main(): Promise<number> {
  const parsed = parseEvalArgs(process.argv.slice(2), process.env);
  if (parsed.ok === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!parsed.ok) throw new UsageError(parsed.error, true);
  const { args } = parsed;
  const input = readEvaluationInput(readText(args.input, 'file to evaluate'), args.answers === null ? undefined : readText(args.answers, 'answers file'));
  if (!input.ok) throw new UsageError(input.error);
  for (const problem of input.problems.slice(0, 20)) process.stderr.write(`eval: skipped: ${problem}\n`);
  if (input.problems.length > 20) process.stderr.write(`eval: … and ${input.problems.length - 20} more problems\n`);

  const doFetch = fetchWithKey(args.apiKey);
  await preflight(args, doFetch);
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\neval: cancelling (Ctrl-C again to quit at once)…\n');
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  process.stderr.write(`eval: ${input.cases.length} ${input.kind} cases × ${args.models.length} model(s), ${args.concurrency} at a time per model, via ${args.baseUrl}\n`);
  // Ajv (for `schema` expectations) loads before the clock starts: that is start-up, not the evaluation.
  await prepareMatcher();
  const view = progressView(process.stderr, args.models, input.cases.length);
  const started = performance.now();
  const scorecard = await evaluate({
    cases: input.cases,
    models: args.models,
    scenario: input.scenario,
    concurrency: args.concurrency,
    complete: completeWithStreamChat(streamChat, { url: `${args.baseUrl}/chat/completions`, fetch: doFetch }),
    signal: controller.signal,
    onProgress: view.update,
  });
  view.finish();
  // The evaluation's own wall time, without this process's start-up (bench/eval-cli.mjs reads it).
  process.stderr.write(`eval: finished in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  if (args.out) write(args.out, scorecardJson(scorecard));
  if (args.junit) write(args.junit, scorecardJunit(scorecard));
  process.stdout.write(`${summary(scorecard)}\n`);
  if (scorecard.cancelled) {
    process.stderr.write('eval: cancelled; the results hold the cases that finished\n');
    return 130;
  }
  if (args.minPass !== null) {
    const below = scorecard.models.filter((score) => score.total === 0 || score.passed / score.total < args.minPass!);
    for (const score of below) {
      process.stderr.write(`eval: ${score.model} passed ${score.passed} of ${score.total}, below --min-pass ${args.minPass}\n`);
    }
    if (below.length > 0) return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`eval: ${error.message}\n${error.showUsage ? `\n${USAGE}\n` : ''}`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`eval: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    }
  },
);
