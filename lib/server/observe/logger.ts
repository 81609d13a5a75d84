import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';
import { serverEnv } from '../env';

/**
 * The app's log: pino, one JSON object a line on stdout, at PLAYGROUND_LOG_LEVEL. No transport (no
 * worker thread, no pino-pretty): the line is written by this process, which Next's server bundle
 * allows (pino is one of its external packages); `npx pino-pretty` reads it for people.
 *
 * What the log is given is already free of secrets and content (observed.ts writes names, counts and
 * codes only); `redact` is the second line of defence should a caller ever pass a header or a body.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-api-key"]',
  'apiKey',
  'api_key',
  'token',
  'access_token',
  'delete_token',
  'messages',
  'content',
  'ciphertext',
  'body',
  '*.authorization',
  '*.cookie',
  '*.apiKey',
  '*.api_key',
  '*.token',
  '*.messages',
  '*.ciphertext',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

// One per process, shared by every route bundle (each would otherwise open its own stdout stream).
const KEY = Symbol.for('function-calling-playground/logger');
type Holder = { [KEY]?: Logger };

export function logger(): Logger {
  const holder = globalThis as Holder;
  const level = serverEnv().PLAYGROUND_LOG_LEVEL;
  const current = (holder[KEY] ??= createLogger(level));
  // Tests change the environment between cases; a deployment never does.
  if (current.level !== level) current.level = level;
  return current;
}

/** Tests read the log: the process's logger writes to `destination` from now on. */
export function useLogDestinationForTests(destination: DestinationStream): void {
  (globalThis as Holder)[KEY] = createLogger(serverEnv().PLAYGROUND_LOG_LEVEL, destination);
}
