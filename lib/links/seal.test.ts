import { constants, createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, type Scenario } from '@/lib/scenario/base';
import { restoreScenario } from '@/lib/scenario/scenario';
import { sharedAvailable } from '@/lib/testing/shared';
import { importTools } from '@/lib/tool-formats/import';
import { toBase64url } from './base64url';
import { bfclFunctions } from './testing/bfcl-functions';
import { MAX_SEALED_JSON_CHARS, openSealed, sealScenario } from './seal';
import { LINK_KEY_PATTERN } from './types';

function bfclScenario(): Scenario {
  const imported = importTools(bfclFunctions(100));
  if ('error' in imported) throw new Error(imported.error);
  const restored = restoreScenario({
    ...structuredClone(DEFAULT_SCENARIO),
    name: 'One hundred BFCL tools',
    tools: imported.tools.map(({ tool }) => tool),
    messages: [{ role: 'user', content: 'Which of these tools finds the area of a triangle?' }],
  });
  if (!restored.ok) throw new Error(restored.error);
  return restored.scenario;
}

/** Seals any plaintext as sealScenario does (IV ‖ AES-GCM output, raw key in base64url): what an attacker with a valid key could upload. */
async function sealBytes(plaintext: Uint8Array): Promise<{ ciphertext: Uint8Array; key: string }> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext as BufferSource));
  return { ciphertext: new Uint8Array([...iv, ...sealed]), key: toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', key))) };
}

/** gzip of `prefix` then `chars` characters of `repeated`: a bomb of ~1 KB a megabyte. */
async function gzipOf(prefix: string, repeated: string, chars: number): Promise<Uint8Array> {
  // Run-length matching: the best ratio deflate has (~1,032), and fast to make.
  const gzip = createGzip({ level: 9, strategy: constants.Z_RLE });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write(prefix);
  const block = Buffer.from(repeated.repeat(Math.ceil(1_048_576 / repeated.length)).slice(0, 1_048_576));
  for (let written = 0; written < chars; written += block.length) {
    if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return new Uint8Array(Buffer.concat(out));
}

const gzipText = (text: string) => gzipOf(text, ' ', 0);

describe.runIf(sharedAvailable())('sealScenario / openSealed: a 100-tool BFCL scenario', () => {
  it('round-trips: the same scenario comes back, with a fresh 22-character key and IV per link', async () => {
    const scenario = bfclScenario();
    expect(scenario.tools).toHaveLength(100);
    const first = await sealScenario(scenario);
    const second = await sealScenario(scenario);
    expect(first.key).toMatch(LINK_KEY_PATTERN);
    expect(first.key).not.toBe(second.key);
    expect(first.ciphertext.subarray(0, 12)).not.toEqual(second.ciphertext.subarray(0, 12));
    // Compressed: far below the scenario's JSON (55,000 characters and more).
    expect(first.ciphertext.length).toBeLessThan(20_000);
    const opened = await openSealed(first.ciphertext, first.key);
    expect(opened).toEqual({ ok: true, scenario: { ...scenario, inspector: [] } });
  });

  it('holds no plaintext: no tool name or the scenario name is in the ciphertext', async () => {
    const scenario = bfclScenario();
    const { ciphertext } = await sealScenario(scenario);
    const bytes = Buffer.from(ciphertext).toString('latin1');
    for (const name of [scenario.name, ...scenario.tools.slice(0, 20).map((tool) => tool.function.name)]) expect(bytes).not.toContain(name);
  });

  it('another key, or one changed character of the key, does not open it: undecryptable', async () => {
    const { ciphertext, key } = await sealScenario(bfclScenario());
    const other = await sealScenario(DEFAULT_SCENARIO);
    const wrong = await openSealed(ciphertext, other.key);
    expect(wrong).toMatchObject({ ok: false, reason: 'undecryptable' });
    expect(!wrong.ok && wrong.message).toMatch(/^This short link's key does not open it: the part after # was changed or cut/);
    const changed = `${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`;
    expect(await openSealed(ciphertext, changed)).toMatchObject({ ok: false, reason: 'undecryptable' });
    // The last character's spare bits: a different text for the same bytes is refused too.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = `${key.slice(0, -1)}${alphabet[alphabet.indexOf(key.at(-1)!) + 1]}`;
    expect(await openSealed(ciphertext, sameBytes)).toMatchObject({ ok: false, reason: 'undecryptable' });
  });

  it('a flipped byte anywhere (IV, body, tag) or a cut ciphertext is undecryptable', async () => {
    const { ciphertext, key } = await sealScenario(bfclScenario());
    for (const at of [0, 11, 12, Math.floor(ciphertext.length / 2), ciphertext.length - 1]) {
      const damaged = ciphertext.slice();
      damaged[at] ^= 0x01;
      expect(await openSealed(damaged, key), `byte ${at}`).toMatchObject({ ok: false, reason: 'undecryptable' });
    }
    expect(await openSealed(ciphertext.subarray(0, ciphertext.length - 100), key)).toMatchObject({ ok: false, reason: 'undecryptable' });
    expect(await openSealed(new Uint8Array(10), key)).toMatchObject({ ok: false, reason: 'undecryptable' });
  });
});

describe('openSealed: what a valid key may still open', () => {
  it('a gzip bomb (1 GiB of JSON in ~1 MB) stops past the cap, quickly, with bounded memory', async () => {
    const bomb = await gzipOf('{"format":2,"scenario":{"system":"', 'a', 1024 * 1_048_576);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { ciphertext, key } = await sealBytes(bomb);
    const before = process.memoryUsage();
    const started = performance.now();
    const opened = await openSealed(ciphertext, key);
    const elapsed = performance.now() - started;
    const after = process.memoryUsage();
    expect(opened).toMatchObject({ ok: false, reason: 'too_large' });
    expect(!opened.ok && opened.message).toContain(`more than ${MAX_SEALED_JSON_CHARS.toLocaleString('en-US')} characters`);
    // Inflating all of it would take seconds and a gigabyte (more than a string may hold).
    expect(elapsed).toBeLessThan(1_500);
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(200 * 1_048_576);
  });

  it('a link that unpacks to just the cap is unpacked (and reaches the scenario checks); one character more is too large', async () => {
    const json = (chars: number) => {
      const head = '{"format":2,"scenario":{"system":"';
      return `${head}${'s'.repeat(chars - head.length - 3)}"}}`;
    };
    const atCap = await sealBytes(await gzipText(json(MAX_SEALED_JSON_CHARS)));
    const opened = await openSealed(atCap.ciphertext, atCap.key);
    // The part of a scenario sent as one request is at most 1,000,000 bytes: restoreScenario says so.
    expect(opened).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^This short link's scenario is not valid: The scenario is too large \(\d+ bytes; at most 1000000\)/) });
    const over = await sealBytes(await gzipText(json(MAX_SEALED_JSON_CHARS + 1)));
    expect(await openSealed(over.ciphertext, over.key)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it.each([
    ['not gzip', () => new TextEncoder().encode('{"format":2,"scenario":{}}'), /not gzip-compressed text/],
    ['gzip of non-JSON', () => gzipText('{"format":2, scenario'), /its JSON does not parse/],
    ['JSON of another shape', () => gzipText('[1, 2, 3]'), /should be \{"format": <number>, "scenario": \{…\}\}/],
    ['a scenario that fails its checks', () => gzipText('{"format":2,"scenario":{"tools":"none"}}'), /^This short link's scenario is not valid: .*tools/],
    ['a newer format', () => gzipText('{"format":99,"scenario":{}}'), /newer/i],
  ] as const)('%s is invalid, and the message says what', async (_what, plaintext, message) => {
    const { ciphertext, key } = await sealBytes(await plaintext());
    const opened = await openSealed(ciphertext, key);
    expect(opened).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!opened.ok && opened.message).toMatch(message);
  });

  it('a key that is not base64url of 16 bytes is undecryptable, never a throw', async () => {
    const { ciphertext } = await sealScenario(DEFAULT_SCENARIO);
    for (const key of ['', 'short', '!'.repeat(22), 'A'.repeat(23)]) expect(await openSealed(ciphertext, key)).toMatchObject({ ok: false, reason: 'undecryptable' });
  });
});
