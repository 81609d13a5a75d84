/**
 * A short link's encryption (excalidraw's model), in the browser: the scenario is sealed with a fresh
 * AES-GCM key and IV, and only the ciphertext goes to the server; the key stays in the link's fragment.
 *
 * Plaintext: gzip of the JSON `{"format": <n>, "scenario": <compactScenario>}` — the same compact object
 * a `#s=` link carries (lib/scenario/share-link.ts), read back through its restore path. Ciphertext:
 * the 12-byte IV, then the AES-GCM output (which ends in its 16-byte tag). Key: 128 bits, raw, base64url.
 * Framework-free: WebCrypto (`crypto.subtle`) and Compression Streams, in Chromium and Node 20 alike.
 */
import { z } from 'zod';
import { SCENARIO_VERSION, type Scenario } from '@/lib/scenario/base';
import { compactScenario, scenarioFromLinkJson } from '@/lib/scenario/share-link';
import { fromBase64url, toBase64url } from './base64url';
import { LINK_KEY_PATTERN } from './types';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BITS = 128;
/**
 * Most characters a short link may unpack to. The part of a scenario sent as one request is at most
 * 1,000,000 bytes (restoreScenario refuses more), and compare's columns, alternatives and test cases
 * beside it are bounded too; the page keeps the open work in localStorage, about 5 million characters
 * per site. So 4 million is room for any scenario this page can hold (a 100-tool BFCL set is 55,338),
 * and past it the link is a gzip "bomb" (2 MiB of gzip can inflate to 2 GB): unpacking stops there.
 */
export const MAX_SEALED_JSON_CHARS = 4_000_000;
/**
 * Gzip is fed to the decompressor this much at a time: deflate inflates at most ~1,032 times, so one
 * piece yields at most ~4 MB before the count below can stop it.
 */
const INFLATE_PIECE_BYTES = 4_096;

export interface Sealed {
  /** IV ‖ AES-GCM output. */
  ciphertext: Uint8Array;
  /** The AES-GCM key, raw, base64url: 22 characters (LINK_KEY_PATTERN). */
  key: string;
}

export type OpenFailure = 'undecryptable' | 'too_large' | 'invalid' | 'unsupported';
export type Opened = { ok: true; scenario: Scenario } | { ok: false; reason: OpenFailure; message: string };

const envelopeSchema = z.object({ format: z.number().int().min(1), scenario: z.record(z.string(), z.unknown()) });

const UNSUPPORTED =
  'This browser does not offer the encryption short links need (WebCrypto and compression streams): browsers offer ' +
  'WebCrypto only on https:// pages and on localhost. Open the playground over https, in a current browser.';

const UNDECRYPTABLE =
  "This short link's key does not open it: the part after # was changed or cut when the link was copied. " +
  'Ask for the link again, or copy all of it.';

const tooLarge = () =>
  `This short link holds a scenario that is too large: it unpacks to more than ${MAX_SEALED_JSON_CHARS.toLocaleString('en-US')} ` +
  'characters, more than a scenario holds. Ask for it as an exported .json file instead (Library → Import).';

function subtle(): SubtleCrypto | null {
  return globalThis.crypto?.subtle && typeof CompressionStream === 'function' && typeof DecompressionStream === 'function' ? globalThis.crypto.subtle : null;
}

async function gzip(text: string): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return new Uint8Array(await new Response(source.pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
}

/** Encrypts the scenario (its inspector records left out, as in every link) with a new key. Throws only where WebCrypto is missing. */
export async function sealScenario(scenario: Scenario): Promise<Sealed> {
  const crypto = subtle();
  if (!crypto) throw new Error(UNSUPPORTED);
  const plaintext = await gzip(JSON.stringify({ format: SCENARIO_VERSION, scenario: compactScenario(scenario) }));
  const key = await crypto.generateKey({ name: 'AES-GCM', length: KEY_BITS }, true, ['encrypt']);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(await crypto.encrypt({ name: 'AES-GCM', iv }, key, plaintext as BufferSource));
  const ciphertext = new Uint8Array(IV_BYTES + sealed.length);
  ciphertext.set(iv);
  ciphertext.set(sealed, IV_BYTES);
  return { ciphertext, key: toBase64url(new Uint8Array(await crypto.exportKey('raw', key))) };
}

/** Inflates gzip piece by piece, stopping once the text passes `maxChars`: memory stays bounded whatever the input. */
async function inflateBounded(compressed: Uint8Array, maxChars: number): Promise<{ ok: true; text: string } | { ok: false; reason: 'too_large' | 'invalid' }> {
  let offset = 0;
  const source = new ReadableStream<BufferSource>(
    {
      pull(controller) {
        if (offset >= compressed.length) return controller.close();
        controller.enqueue(compressed.slice(offset, (offset += INFLATE_PIECE_BYTES)));
      },
    },
    // Pulled only when the decompressor asks for more.
    { highWaterMark: 0 },
  );
  const reader = source.pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream()).getReader();
  const parts: string[] = [];
  let chars = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { ok: true, text: parts.join('') };
      chars += value.length;
      if (chars > maxChars) {
        await reader.cancel().catch(() => {});
        return { ok: false, reason: 'too_large' };
      }
      parts.push(value);
    }
  } catch {
    return { ok: false, reason: 'invalid' };
  }
}

async function openUnchecked(ciphertext: Uint8Array, keyText: string): Promise<Opened> {
  const crypto = subtle();
  if (!crypto) return { ok: false, reason: 'unsupported', message: UNSUPPORTED };
  // Canonical base64url only: a changed last character can leave the key's bytes as they were.
  const raw = LINK_KEY_PATTERN.test(keyText) ? fromBase64url(keyText) : null;
  if (!raw || ciphertext.length < IV_BYTES + TAG_BYTES) return { ok: false, reason: 'undecryptable', message: UNDECRYPTABLE };
  let plaintext: Uint8Array;
  try {
    const key = await crypto.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, ['decrypt']);
    plaintext = new Uint8Array(await crypto.decrypt({ name: 'AES-GCM', iv: ciphertext.subarray(0, IV_BYTES) as BufferSource }, key, ciphertext.subarray(IV_BYTES) as BufferSource));
  } catch {
    // The tag did not match: another key, or bytes changed on the way.
    return { ok: false, reason: 'undecryptable', message: UNDECRYPTABLE };
  }
  const inflated = await inflateBounded(plaintext, MAX_SEALED_JSON_CHARS);
  if (!inflated.ok) {
    return inflated.reason === 'too_large'
      ? { ok: false, reason: 'too_large', message: tooLarge() }
      : { ok: false, reason: 'invalid', message: "This short link's scenario is not valid: it opens, but what it holds is not gzip-compressed text." };
  }
  let json: unknown;
  try {
    json = JSON.parse(inflated.text);
  } catch (error) {
    return { ok: false, reason: 'invalid', message: `This short link's scenario is not valid: its JSON does not parse (${error instanceof Error ? error.message : String(error)}).` };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    return { ok: false, reason: 'invalid', message: 'This short link\'s scenario is not valid: it should be {"format": <number>, "scenario": {…}}.' };
  }
  const decoded = scenarioFromLinkJson(envelope.data.format, envelope.data.scenario);
  return decoded.kind === 'ok' ? { ok: true, scenario: decoded.scenario } : { ok: false, reason: 'invalid', message: decoded.message.replace(/^This link/, 'This short link') };
}

/** Decrypts and reads a short link's ciphertext with the key from its fragment. Never throws: every failure says which. */
export async function openSealed(ciphertext: Uint8Array, key: string): Promise<Opened> {
  try {
    return await openUnchecked(ciphertext, key);
  } catch (error) {
    return { ok: false, reason: 'invalid', message: `This short link's scenario could not be read: ${error instanceof Error ? error.message : String(error)}.` };
  }
}
