/** Types for TypeScript importers of fixtures.mjs (the project compiles with allowJs off). */
import type { CompletionStep, ErrorStep, StreamStep } from './types';

export interface ExpectedCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface Quirk {
  description: string;
  /** The tools to send so that the calls are to known functions. */
  tools: object[];
  /** The calls a tolerant client should end up with, in order (ids left out: some quirks have none). */
  expected: ExpectedCall[];
  /** The quirk as a stream (what the app requests). */
  step: StreamStep;
  /** The same quirk in a non-streamed completion, where it exists there. */
  completion?: CompletionStep;
}

export declare const WEATHER_TOOL: {
  type: 'function';
  function: { name: 'get_current_weather'; description: string; parameters: Record<string, unknown> };
};
export declare const TIME_TOOL: { type: 'function'; function: { name: 'get_time'; description: string } };
export declare const DEFAULT_CITIES: string[];
/** The guide's user message that makes gpt-4o call get_current_weather three times. */
export declare const WEATHER_PROMPT: string;
export declare function weatherArguments(city: string): { location: string; unit: 'fahrenheit' };
/** One chat.completion.chunk with the fixtures' id, model and timestamp. */
export declare function chunk(delta: Record<string, unknown>, finishReason?: string | null): Record<string, unknown>;
export declare function weatherToolCallChunks(options?: {
  ids?: string[];
  cities?: string[];
  usage?: boolean;
  model?: string;
}): object[];
export declare function textChunks(text: string, n?: number): object[];
export declare function aimlError(
  status: number,
  message: string,
): { message: string; path: string; requestId: string; statusCode: number; timestamp: string };
export declare function aimlErrorStep(status: number, message: string): ErrorStep;
export declare const QUIRKS: Record<
  | 'argumentsObject'
  | 'emptyIds'
  | 'missingIds'
  | 'missingIndex'
  | 'missingIndexSplit'
  | 'reusedIndex'
  | 'allInOneChunk'
  | 'finishReasonStop'
  | 'emptyArguments'
  | 'nullArguments',
  Quirk
>;
