/**
 * The models that support function calling, from the two source documents: the AI/ML API page's current
 * list first, then the guide's earlier list (duplicates dropped), plus the built-in offline simulator and
 * its personas.
 */

export const OFFLINE_SIMULATOR_ID = 'offline-simulator';
export const OFFLINE_SIMULATOR_LABEL = 'Offline simulator — rule-based, not an LLM';

/** The simulator persona that makes the mistakes models make, deterministically (lib/simulator/careless.ts). */
export const CARELESS_SIMULATOR_ID = 'offline-simulator-careless';
export const CARELESS_SIMULATOR_LABEL = 'Offline simulator, careless persona — makes the mistakes models make, on purpose';

/** Every model id the offline simulator answers, with its label, default first. */
export const SIMULATOR_MODELS: ReadonlyArray<{ id: string; name: string }> = [
  { id: OFFLINE_SIMULATOR_ID, name: OFFLINE_SIMULATOR_LABEL },
  { id: CARELESS_SIMULATOR_ID, name: CARELESS_SIMULATOR_LABEL },
];

/** Whether the in-process simulator answers this id (any persona): served with no key, free. */
export function isSimulatorModel(id: string): boolean {
  return SIMULATOR_MODELS.some((model) => model.id === id);
}

export interface ModelInfo {
  id: string;
  object: 'model';
  owned_by: string;
  name: string;
  provider: string;
  function_calling: true;
  available: boolean;
}

type Entry = readonly [id: string, provider: string, name: string];

/** From the AI/ML API documentation page ("Models That Support Function Calling"), in its order. */
const CURRENT_LIST: readonly Entry[] = [
  ['claude-3-5-sonnet-20240620', 'Anthropic', 'Claude 3.5 Sonnet (2024-06-20)'],
  ['claude-3-5-sonnet-20241022', 'Anthropic', 'Claude 3.5 Sonnet (2024-10-22)'],
  ['claude-3-haiku-20240307', 'Anthropic', 'Claude 3 Haiku'],
  ['claude-3-opus-20240229', 'Anthropic', 'Claude 3 Opus'],
  ['claude-3-sonnet-20240229', 'Anthropic', 'Claude 3 Sonnet'],
  ['qwen-max', 'Alibaba Cloud', 'Qwen Max'],
  ['qwen-max-2025-01-25', 'Alibaba Cloud', 'Qwen Max (2025-01-25)'],
  ['qwen-plus', 'Alibaba Cloud', 'Qwen Plus'],
  ['qwen-turbo', 'Alibaba Cloud', 'Qwen Turbo'],
  ['Qwen/Qwen3-235B-A22B-fp8-tput', 'Alibaba Cloud', 'Qwen3 235B A22B'],
  ['gemini-1.5-flash', 'Google', 'Gemini 1.5 Flash'],
  ['gemini-1.5-pro', 'Google', 'Gemini 1.5 Pro'],
  ['gemini-2.0-flash-exp', 'Google', 'Gemini 2.0 Flash (experimental)'],
  ['google/gemini-2.0-flash-thinking-exp-01-21', 'Google', 'Gemini 2.0 Flash Thinking (experimental)'],
  ['google/gemini-2.5-flash-preview', 'Google', 'Gemini 2.5 Flash (preview)'],
  ['gemini-2.5-pro-exp-03-25', 'Google', 'Gemini 2.5 Pro (experimental)'],
  ['google/gemini-2.5-pro-preview', 'Google', 'Gemini 2.5 Pro (preview)'],
  ['google/gemma-3-1b-it', 'Google', 'Gemma 3 1B'],
  ['google/gemma-3-4b-it', 'Google', 'Gemma 3 4B'],
  ['google/gemma-3-12b-it', 'Google', 'Gemma 3 12B'],
  ['google/gemma-3-27b-it', 'Google', 'Gemma 3 27B'],
  ['meta-llama/Llama-3.2-11B-Vision-Instruct-Turbo', 'Meta', 'Llama 3.2 11B Vision Instruct Turbo'],
  ['meta-llama/Llama-3.2-90B-Vision-Instruct-Turbo', 'Meta', 'Llama 3.2 90B Vision Instruct Turbo'],
  ['meta-llama/Llama-Guard-3-11B-Vision-Turbo', 'Meta', 'Llama Guard 3 11B Vision Turbo'],
  ['meta-llama/Llama-Vision-Free', 'Meta', 'Llama Vision Free'],
  ['meta-llama/llama-4-scout', 'Meta', 'Llama 4 Scout'],
  ['meta-llama/llama-4-maverick', 'Meta', 'Llama 4 Maverick'],
  ['MiniMax-Text-01', 'MiniMax', 'MiniMax Text 01'],
  ['abab6.5s-chat', 'MiniMax', 'abab 6.5s Chat'],
  ['chatgpt-4o-latest', 'OpenAI', 'ChatGPT-4o (latest)'],
  ['gpt-4-turbo', 'OpenAI', 'GPT-4 Turbo'],
  ['gpt-4-turbo-2024-04-09', 'OpenAI', 'GPT-4 Turbo (2024-04-09)'],
  ['gpt-4o', 'OpenAI', 'GPT-4o'],
  ['gpt-4o-2024-05-13', 'OpenAI', 'GPT-4o (2024-05-13)'],
  ['gpt-4o-2024-08-06', 'OpenAI', 'GPT-4o (2024-08-06)'],
  ['gpt-4o-mini', 'OpenAI', 'GPT-4o mini'],
  ['gpt-4o-mini-2024-07-18', 'OpenAI', 'GPT-4o mini (2024-07-18)'],
  ['openai/gpt-4.1-2025-04-14', 'OpenAI', 'GPT-4.1'],
  ['openai/gpt-4.1-mini-2025-04-14', 'OpenAI', 'GPT-4.1 mini'],
  ['openai/gpt-4.1-nano-2025-04-14', 'OpenAI', 'GPT-4.1 nano'],
  ['openai/o4-mini-2025-04-16', 'OpenAI', 'o4-mini'],
];

/** From the function-calling guide's "Supported Models" list. */
const GUIDE_LIST: readonly Entry[] = [
  ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'Mistral AI', 'Mixtral 8x7B Instruct v0.1'],
  ['mistralai/Mistral-7B-Instruct-v0.1', 'Mistral AI', 'Mistral 7B Instruct v0.1'],
  ['togethercomputer/CodeLlama-34b-Instruct', 'Meta', 'Code Llama 34B Instruct'],
  ['gpt-4o-2024-05-13', 'OpenAI', 'GPT-4o (2024-05-13)'],
  ['gpt-4-turbo', 'OpenAI', 'GPT-4 Turbo'],
  ['gpt-4-turbo-2024-04-09', 'OpenAI', 'GPT-4 Turbo (2024-04-09)'],
  ['gpt-4-turbo-preview', 'OpenAI', 'GPT-4 Turbo (preview)'],
  ['gpt-4-0125-preview', 'OpenAI', 'GPT-4 (0125 preview)'],
  ['gpt-4-1106-preview', 'OpenAI', 'GPT-4 (1106 preview)'],
  ['gpt-4', 'OpenAI', 'GPT-4'],
  ['gpt-4-0613', 'OpenAI', 'GPT-4 (0613)'],
  ['gpt-3.5-turbo', 'OpenAI', 'GPT-3.5 Turbo'],
  ['gpt-3.5-turbo-0125', 'OpenAI', 'GPT-3.5 Turbo (0125)'],
  ['gpt-3.5-turbo-1106', 'OpenAI', 'GPT-3.5 Turbo (1106)'],
  ['gpt-3.5-turbo-0613', 'OpenAI', 'GPT-3.5 Turbo (0613)'],
];

function unique(entries: readonly Entry[]): Entry[] {
  const seen = new Set<string>();
  return entries.filter(([id]) => !seen.has(id) && seen.add(id));
}

/** The 53 upstream model ids, current page first. */
export const UPSTREAM_MODELS: readonly Entry[] = unique([...CURRENT_LIST, ...GUIDE_LIST]);

/** The `/api/v1/models` list: the simulators first, then every upstream model (available only with a key). */
export function modelCatalogue(keyConfigured: boolean): ModelInfo[] {
  const simulators = SIMULATOR_MODELS.map(({ id, name }): ModelInfo => ({
    id,
    object: 'model',
    owned_by: 'playground',
    name,
    provider: 'Built in',
    function_calling: true,
    available: true,
  }));
  return [
    ...simulators,
    ...UPSTREAM_MODELS.map(([id, provider, name]) => ({
      id,
      object: 'model' as const,
      owned_by: provider.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name,
      provider,
      function_calling: true as const,
      available: keyConfigured,
    })),
  ];
}

/** Models grouped by provider, groups in first-appearance order (the picker's sections). */
export function groupByProvider<T extends { provider: string }>(models: readonly T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const model of models) {
    const group = groups.get(model.provider);
    if (group) group.push(model);
    else groups.set(model.provider, [model]);
  }
  return [...groups];
}

/** At most this many of the provider's own models are listed (a provider's list is untrusted input). */
export const MAX_PROVIDER_MODELS = 2000;

/** The heading of the provider's models that are not among the known function-calling ones. */
export const OTHER_PROVIDER_MODELS = 'Other models from the provider';

/** One model of the provider's own list, as `GET /api/v1/models/provider` answers. */
export interface ProviderModel {
  id: string;
  object: 'model';
  owned_by: string;
}

/** `GET /api/v1/models/provider`: the provider's ids, checked; `left_out` counts entries dropped (invalid, repeated, past the cap). */
export interface ProviderModelList {
  object: 'list';
  data: ProviderModel[];
  left_out: number;
}

/** A model as the picker lists it; `function_calling: null` when it is not known whether the model calls tools. */
export interface ListedModel {
  id: string;
  name: string;
  provider: string;
  available: boolean;
  function_calling?: true | null;
}

/**
 * The catalogue and the provider's own list together: every catalogue model keeps its place and label
 * (the simulator, the known function-calling models, whether or not the provider lists them); the
 * provider's other ids follow, in its order, under OTHER_PROVIDER_MODELS, with function calling unknown.
 */
export function mergeProviderModels<T extends ListedModel>(catalogue: readonly T[], provider: readonly Pick<ProviderModel, 'id'>[]): Array<T | ListedModel> {
  const known = new Set(catalogue.map((model) => model.id));
  const others: ListedModel[] = [];
  for (const { id } of provider) {
    if (known.has(id)) continue;
    known.add(id);
    others.push({ id, name: id, provider: OTHER_PROVIDER_MODELS, available: true, function_calling: null });
  }
  return [...catalogue, ...others];
}
