/**
 * The offline simulator, model id `offline-simulator`: a deterministic, rule-based stand-in for a
 * function-calling model that speaks the Chat Completions protocol, so the app works with no key and no
 * network. Plug `createSimulatorFetch()` into the `openai` client as its `fetch`. The request's model id
 * picks the persona: `offline-simulator-careless` makes the mistakes models make (careless.ts).
 */
export { simulateChunks, simulateCompletion, type SimulateOptions } from './completion';
export { SimulatorRequestError } from './conversation';
export { createSimulatorFetch, type SimulatorFetchOptions } from './fetch';
export { MISTAKES, type MistakeName } from './careless';
