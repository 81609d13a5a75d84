/**
 * The command line of `npm run eval`, read into options or a usage error in words (exit 2). Both
 * `--name value` and `--name=value` work.
 */
import { MODEL_ID_PATTERN } from '@/lib/wire/chat-constants';
import { EVALUATE_LIMITS } from '@/lib/evaluate/types';

export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000/api/v1';
export const DEFAULT_CONCURRENCY = 4;

export const USAGE = `Usage: npm run eval -- <scenario.json | bfcl-questions.json | cases.jsonl> --models <id,id,…> [options]

  --answers <file>      BFCL possible_answer file for the questions (without it: every case expects no call)
  --models <ids>        model ids, comma-separated (1 to ${EVALUATE_LIMITS.maxModels})
  --base-url <url>      OpenAI-compatible API (default ${DEFAULT_BASE_URL}, the app's own)
  --api-key <key>       default: $OPENAI_API_KEY, else $PLAYGROUND_ACCESS_TOKEN (the app's access token)
  --concurrency <n>     model calls in flight per model, 1 to ${EVALUATE_LIMITS.maxConcurrency} (default ${DEFAULT_CONCURRENCY})
  --out <file>          write results.json
  --junit <file>        write JUnit XML
  --min-pass <rate>     exit 1 when a model's pass rate is below it, 0 to 1 (e.g. 0.9)

Exit status: 0 done (and every model at or above --min-pass), 1 a model below --min-pass, 2 usage or input error.`;

export interface EvalArgs {
  input: string;
  answers: string | null;
  models: string[];
  baseUrl: string;
  apiKey: string | null;
  concurrency: number;
  out: string | null;
  junit: string | null;
  minPass: number | null;
}

export type ParsedArgs = { ok: true; args: EvalArgs } | { ok: false; error: string } | { ok: 'help' };

const VALUED = ['answers', 'models', 'base-url', 'api-key', 'concurrency', 'out', 'junit', 'min-pass'] as const;
type Valued = (typeof VALUED)[number];

export function parseEvalArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  const values = new Map<Valued, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { ok: 'help' };
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.includes('=') ? [arg.slice(2, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg.slice(2), undefined];
    if (!(VALUED as readonly string[]).includes(flag)) return { ok: false, error: `Unknown option --${flag}` };
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) return { ok: false, error: `--${flag} needs a value` };
    if (values.has(flag as Valued)) return { ok: false, error: `--${flag} is given twice` };
    values.set(flag as Valued, value);
  }
  if (positional.length !== 1) return { ok: false, error: positional.length === 0 ? 'Name the file to evaluate (a scenario, BFCL questions or JSON Lines test cases)' : `One file to evaluate, not ${positional.length}: ${positional.join(' ')}` };

  const models = (values.get('models') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (models.length === 0) return { ok: false, error: '--models is required: the model ids to evaluate, e.g. --models gpt-4o,offline-simulator' };
  if (models.length > EVALUATE_LIMITS.maxModels) return { ok: false, error: `--models names ${models.length} models; at most ${EVALUATE_LIMITS.maxModels}` };
  const badModel = models.find((id) => !MODEL_ID_PATTERN.test(id));
  if (badModel) return { ok: false, error: `--models: "${badModel}" is not a model id (such as gpt-4o or openai/gpt-4.1-2025-04-14)` };
  if (new Set(models).size !== models.length) return { ok: false, error: '--models names a model twice' };

  const baseUrl = (values.get('base-url') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { ok: false, error: `--base-url "${baseUrl}" is not a URL (e.g. ${DEFAULT_BASE_URL})` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: `--base-url must be http or https, not ${url.protocol}` };

  const concurrencyText = values.get('concurrency') ?? String(DEFAULT_CONCURRENCY);
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > EVALUATE_LIMITS.maxConcurrency) {
    return { ok: false, error: `--concurrency must be a whole number from 1 to ${EVALUATE_LIMITS.maxConcurrency}, not "${concurrencyText}"` };
  }
  const minPassText = values.get('min-pass');
  const minPass = minPassText === undefined ? null : Number(minPassText);
  if (minPass !== null && (minPassText!.trim() === '' || !Number.isFinite(minPass) || minPass < 0 || minPass > 1)) {
    return { ok: false, error: `--min-pass must be a pass rate from 0 to 1 (e.g. 0.9), not "${minPassText}"` };
  }
  const apiKey = values.get('api-key') ?? (env.OPENAI_API_KEY || env.PLAYGROUND_ACCESS_TOKEN || null);
  return {
    ok: true,
    args: {
      input: positional[0],
      answers: values.get('answers') ?? null,
      models,
      baseUrl,
      apiKey,
      concurrency,
      out: values.get('out') ?? null,
      junit: values.get('junit') ?? null,
      minPass,
    },
  };
}
