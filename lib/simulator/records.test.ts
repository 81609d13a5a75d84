/** Arrays of objects filled from the message: one record per person (or place) named, each with its own fields. */
import { describe, expect, it } from 'vitest';
import type { Tool } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import { ask } from './testing/fixtures';

function tool(name: string, properties: Record<string, unknown>, required: string[]): Tool {
  return { type: 'function', function: { name, description: name.replace(/_/g, ' '), parameters: { type: 'object', properties, required } } };
}

const PASSENGER = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] };
const BOOK_FLIGHT = tool('book_flight', { destination: { type: 'string' }, seats: { type: 'integer' }, passengers: { type: 'array', items: PASSENGER } }, ['passengers']);

function argsOf(content: string, tools: Tool[]) {
  const calls = simulateCompletion(ask(content, tools)).choices[0].message.tool_calls ?? [];
  return calls.map((call) => JSON.parse(call.function.arguments) as Record<string, unknown>);
}

describe('arrays of objects', () => {
  it('gives two passengers their own name and age', () => {
    expect(argsOf('book a flight for two passengers: Alice Smith, 34, and Bob Jones, 29', [BOOK_FLIGHT])).toEqual([
      { passengers: [{ name: 'Alice Smith', age: 34 }, { name: 'Bob Jones', age: 29 }] },
    ]);
  });

  it('leaves the place before the records to the place parameter, and their numbers to them', () => {
    expect(argsOf('Book a flight to Rome for 2 seats, passengers: Alice Smith, 34, and Bob Jones, 29', [BOOK_FLIGHT])).toEqual([
      { destination: 'Rome', seats: 2, passengers: [{ name: 'Alice Smith', age: 34 }, { name: 'Bob Jones', age: 29 }] },
    ]);
  });

  it('reads other fields from each record’s own words: e-mail addresses, dates', () => {
    const contact = { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' }, birthday: { type: 'string', format: 'date' } }, required: ['name', 'email'] };
    const addContacts = tool('add_contacts', { contacts: { type: 'array', items: contact } }, ['contacts']);
    expect(argsOf('Add these contacts: Jane Doe, jane@example.com, born 1990-04-02; Tom Lee, tom@example.org', [addContacts])).toEqual([
      { contacts: [{ name: 'Jane Doe', email: 'jane@example.com', birthday: '1990-04-02' }, { name: 'Tom Lee', email: 'tom@example.org' }] },
    ]);
  });

  it('fills records when the message does not name the array, and keeps minItems', () => {
    const team = tool('create_team', { members: { type: 'array', minItems: 3, items: PASSENGER } }, ['members']);
    const [args] = argsOf('Create a team with Ann Lee, 41 and Raj Patel, 38', [team]);
    const members = args.members as Array<Record<string, unknown>>;
    expect(members.slice(0, 2)).toEqual([{ name: 'Ann Lee', age: 41 }, { name: 'Raj Patel', age: 38 }]);
    expect(members).toHaveLength(3);
  });
});
