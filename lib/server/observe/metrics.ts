import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics (prom-client), one registry per process shared by every route bundle: the
 * registry and its metrics live on globalThis, so a bundle that loads this module again reuses them.
 * Labels are bounded: `route` is a route's pattern, `status` a number, `model` one of at most
 * MAX_MODELS ids the request validation accepted (then "other"), `budget` one of three.
 */
export type RateLimitBudget = 'requests' | 'links' | 'lockout';

const MAX_MODELS = 200;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'playground_' });
  const registers = [registry];
  return {
    registry,
    models: new Set<string>(),
    requests: new Counter({ name: 'playground_http_requests_total', help: 'API requests answered, by route pattern, method and status.', labelNames: ['route', 'method', 'status'], registers }),
    errors: new Counter({
      name: 'playground_http_request_errors_total',
      help: 'API requests that failed: answered with a status of 500 or more, or a stream that ended with an error event (status: the one the event carries) or broke.',
      labelNames: ['route', 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'playground_http_request_duration_seconds',
      help: "From the request's arrival to its response's end (a stream's last byte).",
      labelNames: ['route', 'method'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    modelDuration: new Histogram({
      name: 'playground_model_call_duration_seconds',
      help: "A model call, from sending it to its reply's end.",
      labelNames: ['model'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    tokens: new Counter({ name: 'playground_model_tokens_total', help: 'Tokens the provider reported, by model and kind (prompt, completion).', labelNames: ['model', 'kind'], registers }),
    rateLimited: new Counter({ name: 'playground_rate_limit_rejections_total', help: 'Requests refused by a rate limit (requests, links) or the access lockout.', labelNames: ['budget'], registers }),
    streams: new Gauge({ name: 'playground_http_streams_in_flight', help: 'Streamed responses (SSE) not yet ended.', labelNames: ['route'], registers }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const KEY = Symbol.for('function-calling-playground/metrics');

function metrics(): Metrics {
  const holder = globalThis as { [KEY]?: Metrics };
  return (holder[KEY] ??= createMetrics());
}

/** The registry GET /api/metrics exposes. */
export function metricsRegistry(): Registry {
  return metrics().registry;
}

/** Tests start from zero. */
export function resetMetricsForTests(): void {
  const state = metrics();
  state.registry.resetMetrics();
  state.models.clear();
}

/** The model's label: its id while fewer than MAX_MODELS were seen, else "other". */
function modelLabel(state: Metrics, model: string): string {
  if (state.models.has(model)) return model;
  if (state.models.size >= MAX_MODELS) return 'other';
  state.models.add(model);
  return model;
}

export interface RequestMeasure {
  route: string;
  method: string;
  status: number;
  seconds: number;
  /** Counts as an error although its status may not say so (a stream's error event, a broken stream), with the status to count it under. */
  errorStatus?: number;
  model?: { id: string; seconds?: number; promptTokens?: number; completionTokens?: number };
}

/** One ended request. */
export function countRequest(measure: RequestMeasure): void {
  const state = metrics();
  const { route, method, status } = measure;
  state.requests.inc({ route, method, status });
  state.duration.observe({ route, method }, measure.seconds);
  const errorStatus = measure.errorStatus ?? (status >= 500 ? status : undefined);
  if (errorStatus !== undefined) state.errors.inc({ route, status: errorStatus });
  const call = measure.model;
  if (!call) return;
  const model = modelLabel(state, call.id);
  if (call.seconds !== undefined) state.modelDuration.observe({ model }, call.seconds);
  if (call.promptTokens) state.tokens.inc({ model, kind: 'prompt' }, call.promptTokens);
  if (call.completionTokens) state.tokens.inc({ model, kind: 'completion' }, call.completionTokens);
}

/** A streamed response started (+1) or ended (-1). */
export function countStream(route: string, delta: 1 | -1): void {
  metrics().streams.inc({ route }, delta);
}

/** One request refused by a rate limit or the access lockout. */
export function countRateLimitRejection(budget: RateLimitBudget): void {
  metrics().rateLimited.inc({ budget });
}
