/**
 * Everything that reads or writes whole scenarios — the Library and the work kept across reloads in
 * storage, share links and short links (their encryption and API), scenario files — in one chunk that
 * the page loads right after its first paint (scenario-io-loader.ts): these bring zod and lz-string,
 * which the first paint does not need.
 */
export { readWork, serializeWork, writeWork } from '@/lib/scenario/work';
export { decodeShareHash, encodeScenario, linkTooLarge, scorecardLeftOut, shareUrl } from '@/lib/scenario/share-link';
export { browserLibrary } from './browser-library';
export { sharedStorage, tabStorage } from './browser-storage';
export { downloadScenarioFile } from './download';
export { createShortLink, deleteShortLink, fetchShortLink } from '@/lib/links/client';
export { deleteLinkUrl, readLinkFragment, shortLinkFragment, shortLinkUrl } from '@/lib/links/fragment';
export { openSealed, sealScenario } from '@/lib/links/seal';
export { EXPIRY_CHOICES, SHORT_LINK_OFFER_CHARS } from '@/lib/links/types';
