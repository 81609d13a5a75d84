/**
 * Everything that reads or writes whole scenarios — the Library and the work in progress in storage,
 * share links, scenario files — in one chunk that the page loads right after its first paint
 * (scenario-io-loader.ts): these bring zod and lz-string, which the first paint does not need.
 */
export { extrasFor, parseExtras, serializeExtras, WORK_EXTRAS_KEY } from '@/lib/scenario/work-extras';
export { decodeShareHash, encodeScenario, isShareable, MAX_SHARE_PAYLOAD_CHARS, shareUrl } from '@/lib/scenario/share-link';
export { browserLibrary } from './browser-library';
export { downloadScenarioFile } from './download';
