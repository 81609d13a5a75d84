import { describe, expect, it } from 'vitest';
import { Redactor, redactedJson, redactSecrets } from './redact';

const KEY = 'f3a91c07d5e24b6f8a1c9e0d7b3f5a21';

describe('Redactor', () => {
  it('finds a secret as it is, URL-encoded and JSON-escaped, and replaces each form', () => {
    const odd = 'tok "a/b" +\\';
    const hidden = new Redactor([KEY, odd, '  ']);
    expect(hidden.active).toBe(true);
    expect(hidden.has(`x${KEY}y`)).toBe(true);
    expect(hidden.has('nothing')).toBe(false);
    expect(hidden.text(`a ${KEY} b ${encodeURIComponent(odd)} c ${JSON.stringify(odd)}`)).toBe('a [redacted] b [redacted] c "[redacted]"');
    expect(new Redactor([]).active).toBe(false);
    expect(new Redactor(['']).text('abc')).toBe('abc');
  });

  it('redacts every string value of a value (not its keys), and copies only what changed', () => {
    const hidden = new Redactor([KEY]);
    const clean = { a: [1, 'x', { b: null }], c: 'y' };
    expect(hidden.value(clean)).toBe(clean);
    const dirty = { a: [1, `k=${KEY}`, { b: null }], [KEY]: 'v', c: clean };
    const out = hidden.value(dirty);
    expect(out).toEqual({ a: [1, 'k=[redacted]', { b: null }], [KEY]: 'v', c: clean });
    expect(out.c).toBe(clean);
    expect(dirty.a[1]).toBe(`k=${KEY}`); // the input is left as it was
  });

  it('redactedJson: a short secret that is also a field name or punctuation leaves the JSON whole', () => {
    const hidden = new Redactor(['content', '":"']);
    const chunk = { choices: [{ delta: { content: 'the content is ":" here' } }] };
    expect(JSON.parse(redactedJson(chunk, hidden))).toEqual({ choices: [{ delta: { content: 'the [redacted] is [redacted] here' } }] });
    expect(redactedJson({ a: 'b' }, hidden)).toBe('{"a":"b"}');
  });

  it('redactSecrets (for messages) also catches any Bearer token and sk- key', () => {
    expect(redactSecrets(`Authorization: Bearer abc.def, key ${KEY}, other sk-proj-abcdefgh`, [KEY])).toBe('Authorization: [redacted], key [redacted], other [redacted]');
    expect(redactSecrets(`key ${KEY}`, new Redactor([KEY]))).toBe('key [redacted]');
  });
});
