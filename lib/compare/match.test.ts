import { describe, expect, it } from 'vitest';
import { sameCall } from './calls';
import { matchingCalls } from './match';

const call = (key: string, args: string, waiting = true, name = 'get_current_weather') => ({ key, name, arguments: args, waiting });

describe('matchingCalls', () => {
  const columns = [
    { column: 'main', calls: [call('a.0', '{"location":"New York"}'), call('a.1', '{"location":"Chicago"}')] },
    { column: 'c1', calls: [call('b.0', '{ "location" : "New York" }'), call('b.1', '{"location":"New York","unit":"celsius"}')] },
    { column: 'c2', calls: [call('c.0', '{"location":"New York"}', false), call('c.1', '{"location":"New York"}', true, 'get_forecast')] },
    { column: 'c3', calls: [call('d.0', '{"location":"New York"}'), call('d.1', '{"location":"New York"}')] },
  ];

  it('finds the waiting calls of the other columns with the same function and arguments after JSON normalisation', () => {
    expect(matchingCalls(columns, 'main', { name: 'get_current_weather', arguments: '{"location":"New York"}' })).toEqual([
      { column: 'c1', key: 'b.0' },
      { column: 'c3', key: 'd.0' },
      { column: 'c3', key: 'd.1' },
    ]);
  });

  it('finds none for a call no other column made', () => {
    expect(matchingCalls(columns, 'main', { name: 'get_current_weather', arguments: '{"location":"Chicago"}' })).toEqual([]);
  });

  it('leaves out the column answering', () => {
    expect(matchingCalls(columns, 'c3', { name: 'get_current_weather', arguments: '{"location":"New York"}' }).map((m) => m.column)).toEqual(['main', 'c1']);
  });
});

describe('sameCall', () => {
  it('is the same function with the same arguments, whatever their key order', () => {
    expect(sameCall({ name: 'f', arguments: '{"a":1,"b":2}' }, { name: 'f', arguments: '{"b":2,"a":1}' })).toBe(true);
    expect(sameCall({ name: 'f', arguments: '{"a":1}' }, { name: 'g', arguments: '{"a":1}' })).toBe(false);
    expect(sameCall({ name: 'f', arguments: '{"a":1}' }, { name: 'f', arguments: '{"a":"1"}' })).toBe(false);
  });
});
