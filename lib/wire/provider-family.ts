/**
 * Which provider's rules a model id falls under, from the id alone (the AI/ML API serves every provider
 * under one OpenAI-compatible endpoint, so the id is all a request says). Used by the tools' "Check for"
 * markers in the page and by the proxy's request adaptations; `other` gets only plain JSON Schema checks.
 */
export const PROVIDER_FAMILIES = ['openai', 'anthropic', 'gemini', 'mistral', 'deepseek', 'qwen', 'meta', 'other'] as const;
export type ProviderFamily = (typeof PROVIDER_FAMILIES)[number];

export const PROVIDER_FAMILY_NAMES: Record<ProviderFamily, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  mistral: 'Mistral',
  deepseek: 'DeepSeek',
  qwen: 'Qwen',
  meta: 'Meta Llama',
  other: 'Any provider',
};

const PATTERNS: ReadonlyArray<readonly [RegExp, ProviderFamily]> = [
  [/(^|\/)(gpt-|chatgpt|o\d(-|$)|openai\/)/i, 'openai'],
  [/(^|\/)(claude|anthropic\/)/i, 'anthropic'],
  [/(^|\/)(gemini|gemma|google\/)/i, 'gemini'],
  [/(^|\/)(mistral|mixtral|codestral|ministral|magistral|pixtral)/i, 'mistral'],
  [/deepseek/i, 'deepseek'],
  [/(qwen|qwq|alibaba)/i, 'qwen'],
  [/(llama|meta-llama|^meta\/)/i, 'meta'],
];

/** The family of a model id; the simulators and unknown ids are `other`. */
export function providerFamily(model: string): ProviderFamily {
  for (const [pattern, family] of PATTERNS) if (pattern.test(model)) return family;
  return 'other';
}
