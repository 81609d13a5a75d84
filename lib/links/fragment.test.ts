import { describe, expect, it } from 'vitest';
import { decodeShareHash } from '@/lib/scenario/share-link';
import { deleteLinkUrl, readLinkFragment, shortLinkFragment, shortLinkUrl } from './fragment';

const ID = 'AbCdEfGhIjKlMn-_';
const KEY = 'Q2xlYXJseSBhIGtleSEhIQ';
const TOKEN = 'dG9rZW4tdG9rZW4tdG9rZW4tdG9rZW4t';

describe('short links in the fragment', () => {
  it('builds the short link and the delete link, and reads them back', () => {
    const link = shortLinkUrl('https://playground.example/', ID, KEY);
    expect(link).toBe(`https://playground.example/#k=${ID}.${KEY}`);
    expect(readLinkFragment(new URL(link).hash)).toEqual({ kind: 'short', id: ID, key: KEY, view: null });
    const remove = deleteLinkUrl('https://playground.example', ID, TOKEN);
    expect(remove).toBe(`https://playground.example/#kd=${ID}.${TOKEN}`);
    expect(readLinkFragment(new URL(remove).hash)).toEqual({ kind: 'delete', id: ID, token: TOKEN });
  });

  it('keeps the view the link opens in, in either order', () => {
    expect(shortLinkFragment(ID, KEY, 'replay')).toBe(`k=${ID}.${KEY}&view=replay`);
    expect(readLinkFragment(`#${shortLinkFragment(ID, KEY, 'replay')}`)).toEqual({ kind: 'short', id: ID, key: KEY, view: 'replay' });
    expect(readLinkFragment(`#view=present&k=${ID}.${KEY}`)).toMatchObject({ kind: 'short', view: 'present' });
  });

  it('is none for a #s= link or no fragment, and a #s= link is not read as one', () => {
    expect(readLinkFragment('')).toEqual({ kind: 'none' });
    expect(readLinkFragment('#s=2.N4Ig')).toEqual({ kind: 'none' });
    expect(decodeShareHash(`#k=${ID}.${KEY}`)).toEqual({ kind: 'none' });
  });

  it.each([
    ['no key', `#k=${ID}`, /^This short link is malformed: it has no key \(the part after the dot\).*cut off/],
    ['a key cut short', `#k=${ID}.${KEY.slice(0, 15)}`, /^This short link is malformed: its key is 15 characters of 22: the end of the link was most likely cut off/],
    ['a key too long', `#k=${ID}.${KEY}x`, /its key is not 22 letters, digits/],
    ['a bad id', `#k=short.${KEY}`, /its id is not 16 letters, digits/],
    ['a character outside base64url', `#k=${ID}.${KEY.slice(0, 21)}!`, /its key is not 22 letters/],
    ['a delete link cut short', `#kd=${ID}.${TOKEN.slice(0, 20)}`, /^This delete link is malformed: its delete token is 20 characters of 32/],
    ['a delete link without a token', `#kd=${ID}`, /^This delete link is malformed: it has no delete token/],
  ])('%s is malformed, and the message says what to do', (_what, hash, message) => {
    const read = readLinkFragment(hash);
    expect(read.kind).toBe('malformed');
    expect(read.kind === 'malformed' && read.message).toMatch(message);
  });
});
