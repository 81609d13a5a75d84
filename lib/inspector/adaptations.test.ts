import { describe, expect, it } from 'vitest';
import { adaptationsHeaderValue, callAdaptations, parseAdaptationsHeader, readAdaptations, type Adaptation } from './adaptations';
import { parseUpstreamResponse } from './upstream-response';

const mistral: Adaptation = { provider: 'Mistral', rule: 'mistral-tool-call-ids', message: 'Asked with 1 tool call id Mistral rejects; sent call_1 → aB3dE5fG1.' };

describe('adaptations on the wire', () => {
  it('round-trips through the header as ASCII', () => {
    const value = adaptationsHeaderValue([mistral]);
    expect(value).toMatch(/^[\x20-\x7e]*$/);
    expect(parseAdaptationsHeader(value)).toEqual([mistral]);
    expect(() => new Headers({ 'x-playground-adaptations': value })).not.toThrow();
  });

  it('reads only well-formed entries, bounded, and nothing from garbage', () => {
    expect(readAdaptations([mistral, { provider: 1 }, 'x', null])).toEqual([mistral]);
    expect(readAdaptations(Array.from({ length: 50 }, () => mistral))).toHaveLength(20);
    expect(readAdaptations([{ ...mistral, message: 'x'.repeat(5000) }])[0].message.length).toBe(600);
    expect(parseAdaptationsHeader('{not json')).toEqual([]);
    expect(parseAdaptationsHeader(undefined)).toEqual([]);
  });

  it('come with the upstream-response comment, which reads them back', () => {
    const info = parseUpstreamResponse(JSON.stringify({ provider: 'upstream', status: 200, headers: {}, request_headers: {}, adaptations: [mistral, { bad: true }] }));
    expect(info).toEqual({ provider: 'upstream', status: 200, headers: {}, request_headers: {}, adaptations: [mistral] });
    expect(parseUpstreamResponse(JSON.stringify({ provider: 'upstream', status: 200, headers: {}, request_headers: {} }))).not.toHaveProperty('adaptations');
  });

  it('are taken from the stream first, else from the answer’s header', () => {
    const other = { ...mistral, rule: 'other' };
    expect(callAdaptations({ provider: 'upstream', adaptations: [mistral] }, { 'x-playground-adaptations': adaptationsHeaderValue([other]) })).toEqual([mistral]);
    expect(callAdaptations(null, { 'x-playground-adaptations': adaptationsHeaderValue([other]) })).toEqual([other]);
    expect(callAdaptations({ provider: 'simulator' }, {})).toEqual([]);
  });
});
