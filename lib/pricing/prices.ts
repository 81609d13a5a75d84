/**
 * List prices of the models whose makers publish them, in US dollars per million tokens, each with
 * where it is published and when it was read. The AI/ML API bills its own prices, which may differ:
 * the inspector says the cost is at the maker's list price. A model not here has an unknown cost.
 * Tiered prices (Gemini by prompt length) are the tier for prompts of up to 128k tokens.
 */

export interface ModelPrice {
  /** Dollars per million prompt (input) tokens. */
  input: number;
  /** Dollars per million completion (output) tokens. */
  output: number;
  source: string;
  /** When the price was read from the source (year-month). */
  asOf: string;
  note?: string;
}

const OPENAI = 'https://openai.com/api/pricing/';
const ANTHROPIC = 'https://docs.anthropic.com/en/docs/about-claude/pricing';
const GOOGLE = 'https://ai.google.dev/gemini-api/docs/pricing';
const AS_OF = '2025-06';

const price = (input: number, output: number, source: string, note?: string): ModelPrice => ({ input, output, source, asOf: AS_OF, ...(note ? { note } : {}) });

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = Object.freeze({
  'gpt-4o': price(2.5, 10, OPENAI),
  'gpt-4o-2024-08-06': price(2.5, 10, OPENAI),
  'gpt-4o-2024-05-13': price(5, 15, OPENAI),
  'chatgpt-4o-latest': price(5, 15, OPENAI),
  'gpt-4o-mini': price(0.15, 0.6, OPENAI),
  'gpt-4o-mini-2024-07-18': price(0.15, 0.6, OPENAI),
  'gpt-4-turbo': price(10, 30, OPENAI),
  'gpt-4-turbo-2024-04-09': price(10, 30, OPENAI),
  'gpt-4-turbo-preview': price(10, 30, OPENAI),
  'gpt-4-0125-preview': price(10, 30, OPENAI),
  'gpt-4-1106-preview': price(10, 30, OPENAI),
  'gpt-4': price(30, 60, OPENAI),
  'gpt-4-0613': price(30, 60, OPENAI),
  'gpt-3.5-turbo': price(0.5, 1.5, OPENAI),
  'gpt-3.5-turbo-0125': price(0.5, 1.5, OPENAI),
  'gpt-3.5-turbo-1106': price(1, 2, OPENAI),
  'gpt-3.5-turbo-0613': price(1.5, 2, OPENAI),
  'openai/gpt-4.1-2025-04-14': price(2, 8, OPENAI),
  'openai/gpt-4.1-mini-2025-04-14': price(0.4, 1.6, OPENAI),
  'openai/gpt-4.1-nano-2025-04-14': price(0.1, 0.4, OPENAI),
  'openai/o4-mini-2025-04-16': price(1.1, 4.4, OPENAI),
  'claude-3-5-sonnet-20240620': price(3, 15, ANTHROPIC),
  'claude-3-5-sonnet-20241022': price(3, 15, ANTHROPIC),
  'claude-3-haiku-20240307': price(0.25, 1.25, ANTHROPIC),
  'claude-3-opus-20240229': price(15, 75, ANTHROPIC),
  'claude-3-sonnet-20240229': price(3, 15, ANTHROPIC),
  'gemini-1.5-flash': price(0.075, 0.3, GOOGLE, 'prompts up to 128k tokens'),
  'gemini-1.5-pro': price(1.25, 5, GOOGLE, 'prompts up to 128k tokens'),
});
