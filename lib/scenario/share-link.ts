/**
 * Share links: a scenario in the URL fragment, `#s=<format>.<lz-string payload>`. The fragment never
 * reaches the server, so a shared scenario is not logged anywhere.
 *
 * Payload: lz-string `compressToEncodedURIComponent` of the scenario's JSON, leaving out every field
 * equal to the format's base (the default scenario when the format was published), the `type: "function"`
 * of tools and tool calls, and the `content: null` of assistant tool-call turns (restoreScenario puts
 * those back). The format number is outside the compressed part so that a newer link is recognised, and
 * named, without unpacking it. Format 1 (mocks as text) keeps its own base; links are written
 * in format 2 (mocks of four kinds, result schemas).
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { Scorecard, TestCase } from '@/lib/evaluate/types';
import type { ChatMessage, Tool } from '@/lib/wire/chat';
import { newerVersionMessage, restoreScenario, SCENARIO_FIELDS, SCENARIO_VERSION, type Scenario, type ScenarioBranch } from './scenario';
import { FORMAT_1_BASE, FORMAT_1_LATER_FIELDS, FORMAT_2_BASE } from './link-bases';
import { withView, type LinkView } from './link-view';

export { FORMAT_1_BASE, FORMAT_2_BASE };

/** The fragment parameter that holds the scenario. */
export const SHARE_PARAM = 's';
/**
 * Longest payload decoded. lz-string output can grow quadratically with its input, so an unbounded link
 * could make the tab unpack hundreds of megabytes; links this long also break in most chat apps and mail
 * clients, so bigger scenarios are better shared as an exported file. Check with `isShareable` / `linkTooLarge`.
 */
export const MAX_SHARE_PAYLOAD_CHARS = 32_000;
/**
 * Most characters a link may unpack to. Real scenarios stay far below it: the largest template unpacks to
 * 1,617, a 100-tool BFCL set to 55,338 (128 tools, the most a scenario holds: 71,026), a 250-message
 * conversation with 100 tool calls to 56,708. The most repetitive of them (a conversation of near-identical
 * turns) packs 4.6 characters into one of payload, so a link at MAX_SHARE_PAYLOAD_CHARS carries at most
 * ~148,000 of real content; this allows 1.7 times that (share-link-cap.test.ts). Beyond it a link is an
 * lz "bomb" (a 2.2 KB link unpacks to 900 KB of one letter), made to load the page with more text than
 * it can lay out. Bigger scenarios go as an exported .json file.
 */
export const MAX_LINK_JSON_CHARS = 256_000;

export type ShareDecodeResult =
  | { kind: 'none' }
  | { kind: 'ok'; scenario: Scenario }
  | { kind: 'error'; message: string };

/** What a link leaves out of a scenario: the inspector's records (timings, raw streams), for length. */
export const LEFT_OUT_OF_LINKS = ['inspector'] as const;

const PAYLOAD_ALPHABET = /^[A-Za-z0-9+$-]+$/;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compactTool({ type: _type, ...rest }: Tool): Omit<Tool, 'type'> {
  return rest;
}

function compactMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role !== 'assistant') return message;
  const { content, tool_calls, ...rest } = message;
  return {
    ...rest,
    ...(content === null || content === undefined ? {} : { content }),
    ...(tool_calls ? { tool_calls: tool_calls.map(({ type: _type, ...call }) => call) } : {}),
  };
}

/** Alternatives as a link carries them: their messages compacted as the conversation's are. */
function compactAlternatives(branches: readonly ScenarioBranch[]): unknown[] {
  return branches.map((branch) => ({
    ...branch,
    others: branch.others.map((version) => ({
      messages: version.messages.map(compactMessage),
      ...(version.alternatives?.length ? { alternatives: compactAlternatives(version.alternatives) } : {}),
      ...(version.expectations?.length ? { expectations: version.expectations } : {}),
    })),
  }));
}

function compactCase({ messages, tools, ...rest }: TestCase): Record<string, unknown> {
  return { ...rest, messages: messages.map(compactMessage), ...(tools ? { tools: tools.map(compactTool) } : {}) };
}

/**
 * The scorecard as a link carries it: every verdict, call, reason and figure, but not the conversation
 * each case ran as (the bulk of it); the Share notice says so (`scorecardLeftOut`).
 */
function linkScorecard(scorecard: Scorecard): Scorecard {
  return { ...scorecard, models: scorecard.models.map((score) => ({ ...score, cases: score.cases.map(({ messages: _left, ...result }) => result) })) };
}

/** Whether a link of this scenario leaves out some of its scorecard (the case conversations). */
export function scorecardLeftOut(scenario: Scenario): boolean {
  return Boolean(scenario.scorecard?.models.some((score) => score.cases.some((result) => result.messages?.length)));
}

/** Optional fields added later (absent means none), carried as they are. */
const CARRIED_AS_THEY_ARE = ['response_format', 'check_for', 'tool_annotations', 'mcp_bindings', 'mcp_policies'] as const;

/** The payload object: only what differs from FORMAT_2_BASE. */
export function compactScenario(scenario: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SCENARIO_FIELDS) {
    if ((LEFT_OUT_OF_LINKS as readonly string[]).includes(key) || sameJson(scenario[key], FORMAT_2_BASE[key])) continue;
    if (key === 'tools') out.tools = scenario.tools.map(compactTool);
    else if (key === 'messages') out.messages = scenario.messages.map(compactMessage);
    else out[key] = scenario[key];
  }
  // An optional field added later (absent means none): links from before it read as they did.
  if (scenario.alternatives?.length) out.alternatives = compactAlternatives(scenario.alternatives);
  // Compare's other columns, each compacted as the conversation is (their inspector records left out too).
  if (scenario.columns?.length) {
    out.columns = scenario.columns.map(({ model, messages, results, alternatives }) => ({
      model,
      messages: messages.map(compactMessage),
      ...(Object.keys(results).length ? { results } : {}),
      ...(alternatives?.length ? { alternatives: compactAlternatives(alternatives) } : {}),
    }));
  }
  if (scenario.expectations?.length) out.expectations = scenario.expectations;
  if (scenario.test_cases?.length) out.test_cases = scenario.test_cases.map(compactCase);
  if (scenario.scorecard) out.scorecard = linkScorecard(scenario.scorecard);
  for (const key of CARRIED_AS_THEY_ARE) if (scenario[key] !== undefined) out[key] = scenario[key];
  return out;
}

/** The fragment value, without `#`: `s=2.<payload>`. */
export function encodeScenario(scenario: Scenario): string {
  const payload = compressToEncodedURIComponent(JSON.stringify(compactScenario(scenario)));
  return `${SHARE_PARAM}=${SCENARIO_VERSION}.${payload}`;
}

/** The whole link, e.g. `https://playground.example/#s=2.N4Ig…`, with the view it opens in (lib/scenario/link-view.ts). */
export function shareUrl(origin: string, scenario: Scenario, view: LinkView | null = null): string {
  return `${origin.replace(/\/+$/, '')}/#${withView(encodeScenario(scenario), view)}`;
}

/** Which limit this scenario's link would exceed, so that it could not be opened again: null when none. */
export interface LinkTooLarge {
  /** `link`: the payload is over MAX_SHARE_PAYLOAD_CHARS; `unpacked`: its JSON is over MAX_LINK_JSON_CHARS. */
  what: 'link' | 'unpacked';
  chars: number;
  max: number;
}

export function linkTooLarge(scenario: Scenario): LinkTooLarge | null {
  const json = JSON.stringify(compactScenario(scenario));
  if (json.length > MAX_LINK_JSON_CHARS) return { what: 'unpacked', chars: json.length, max: MAX_LINK_JSON_CHARS };
  const chars = compressToEncodedURIComponent(json).length;
  return chars > MAX_SHARE_PAYLOAD_CHARS ? { what: 'link', chars, max: MAX_SHARE_PAYLOAD_CHARS } : null;
}

/** Whether the link for this scenario can be opened again (see MAX_SHARE_PAYLOAD_CHARS, MAX_LINK_JSON_CHARS). */
export function isShareable(scenario: Scenario): boolean {
  return linkTooLarge(scenario) === null;
}

const DAMAGED =
  'This link is incomplete or damaged, so its scenario could not be unpacked — most often the end of the ' +
  'link was cut off when it was copied. Ask for the link again, or copy all of it.';

const tooLargeMessage = (chars: number) =>
  `This link holds a scenario that is too large: it unpacks to ${chars.toLocaleString('en-US')} characters; a link may ` +
  `hold at most ${MAX_LINK_JSON_CHARS.toLocaleString('en-US')}. Ask for the scenario as an exported .json file instead (Library → Import).`;

/** A payload's JSON object, or the message that says why there is none. */
function unpack(payload: string): { ok: true; data: Record<string, unknown> } | { ok: false; message: string } {
  if (payload.length > MAX_SHARE_PAYLOAD_CHARS) {
    return { ok: false, message: `This link is too long to open (over ${MAX_SHARE_PAYLOAD_CHARS} characters).` };
  }
  const json: string | null = decompressFromEncodedURIComponent(payload);
  if (!json) return { ok: false, message: DAMAGED };
  if (json.length > MAX_LINK_JSON_CHARS) return { ok: false, message: tooLargeMessage(json.length) };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, message: DAMAGED };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, message: DAMAGED };
  return { ok: true, data: data as Record<string, unknown> };
}

/** Each published format's base: what its links leave out. A format is never reused for a different layout. */
const FORMAT_BASES: Record<number, Record<string, unknown>> = {
  1: { ...FORMAT_1_BASE, ...FORMAT_1_LATER_FIELDS },
  2: FORMAT_2_BASE,
};

/** Why a link in this format cannot be read here (a newer or unknown format), or null when it can. */
function formatProblem(version: number): string | null {
  if (FORMAT_BASES[version]) return null;
  if (version > SCENARIO_VERSION) return `${newerVersionMessage(version, 'This link')} Nothing you had open was changed.`;
  return `This link uses an unknown format (${version}), so it cannot be opened.`;
}

/**
 * The scenario a link's unpacked object holds (`compactScenario`'s output, in format `version`): its
 * format's base under it, then restoreScenario (zod). Short links (lib/links/seal.ts) read their
 * decrypted JSON through this too. Never throws.
 */
export function scenarioFromLinkJson(version: number, data: unknown): Exclude<ShareDecodeResult, { kind: 'none' }> {
  const problem = formatProblem(version);
  if (problem) return { kind: 'error', message: problem };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'error', message: "This link's scenario is not valid: it is not a JSON object." };
  const restored = restoreScenario({ ...FORMAT_BASES[version], ...data, inspector: [], version });
  if (!restored.ok) return { kind: 'error', message: `This link's scenario is not valid: ${restored.error}` };
  return { kind: 'ok', scenario: restored.scenario };
}

/** The `s` value from a fragment (`#s=…`, `s=…`, `#a=b&s=…`, or a whole URL), or null when absent. */
function shareParam(hash: string): string | null {
  const hashAt = hash.indexOf('#');
  const fragment = hashAt >= 0 ? hash.slice(hashAt + 1) : hash;
  for (const part of fragment.split('&')) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

function decodeUnchecked(hash: string): ShareDecodeResult {
  let value = shareParam(hash);
  if (value === null) return { kind: 'none' };
  // Some apps percent-encode the fragment or turn `+` into a space when passing a link on.
  if (value.includes('%')) {
    try {
      value = decodeURIComponent(value);
    } catch {
      // Leave it: the format check below reports it.
    }
  }
  value = value.replace(/ /g, '+').trim();
  const match = /^(\d{1,6})\.(.*)$/s.exec(value);
  if (!match || !PAYLOAD_ALPHABET.test(match[2])) {
    return {
      kind: 'error',
      message:
        'This link is malformed: its scenario part should look like #s=1.N4Ig… (a format number, a dot, then ' +
        'letters and digits). Check that the whole link was copied.',
    };
  }
  const version = Number(match[1]);
  // The format first: a newer link is named without unpacking it.
  const problem = formatProblem(version);
  if (problem) return { kind: 'error', message: problem };
  const unpacked = unpack(match[2]);
  if (!unpacked.ok) return { kind: 'error', message: unpacked.message };
  return scenarioFromLinkJson(version, unpacked.data);
}

/**
 * Read a scenario from a URL fragment (pass `location.hash`). Strict format check → decompress →
 * JSON.parse → restoreScenario (zod). Never throws: every failure is a message for a person.
 */
export function decodeShareHash(hash: string): ShareDecodeResult {
  try {
    return decodeUnchecked(String(hash));
  } catch {
    return { kind: 'error', message: DAMAGED };
  }
}
