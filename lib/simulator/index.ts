/**
 * The offline simulator, model id `offline-simulator`: a deterministic, rule-based stand-in for a
 * function-calling model that speaks the Chat Completions protocol, so the app works with no key and no
 * network. Plug `createSimulatorFetch()` into the `openai` client as its `fetch`.
 */
export { simulateChunks, simulateCompletion, type SimulateOptions } from './completion';
export { SimulatorRequestError } from './conversation';
export { createSimulatorFetch, type SimulatorFetchOptions } from './fetch';
