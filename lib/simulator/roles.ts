/**
 * What a parameter is for, read from its name (then its description and format): the role decides which
 * fact from the message fills it, and which placeholder stands in when the message has none.
 */
import { splitWords, stem } from './words';

export type Role =
  | 'sql' | 'body' | 'subject' | 'email' | 'datetime' | 'date' | 'time'
  | 'location' | 'person' | 'url' | 'search' | 'generic';

export interface Hint {
  /** The property name; for array items, the array's name. */
  name: string;
  description: string;
}

/** The tool as argument filling needs it. */
export interface ToolProfile {
  name: string;
  /** Name, description and parameter descriptions in one string, for cues such as "SQL" or table names. */
  text: string;
  isSql: boolean;
  isEmail: boolean;
}

const NAME_ROLES: Array<[Role, string[]]> = [
  ['body', ['body', 'message', 'text', 'content', 'note', 'msg', 'comment', 'reply']],
  ['subject', ['subject', 'title', 'headline', 'summary']],
  ['email', ['email', 'mail', 'recipient', 'cc', 'bcc']],
  ['datetime', ['datetime', 'timestamp']],
  ['date', ['date', 'day', 'birthday', 'dob', 'birthdate', 'since', 'before', 'after', 'until', 'deadline', 'due', 'born']],
  ['time', ['time', 'hour']],
  ['location', ['location', 'city', 'place', 'address', 'destination', 'origin', 'country', 'region', 'town', 'state',
    'area', 'venue', 'where', 'loc']],
  ['person', ['name', 'person', 'who', 'author', 'contact', 'customer', 'user', 'username', 'employee', 'patient',
    'student', 'company', 'organization', 'org', 'brand', 'team', 'owner']],
  ['url', ['url', 'link', 'website', 'uri', 'href']],
  ['search', ['query', 'search', 'q', 'keyword', 'term', 'question', 'topic', 'phrase', 'prompt', 'input']],
];

const DESCRIPTION_ROLES: Role[] = ['email', 'location', 'date', 'person'];

const FORMAT_ROLES: Record<string, Role> = {
  email: 'email', 'idn-email': 'email', date: 'date', 'date-time': 'datetime', time: 'time',
  uri: 'url', url: 'url', 'uri-reference': 'url', iri: 'url',
};

export function roleOf(hint: Hint, format: string | undefined, tool: ToolProfile): Role {
  const formatRole = format ? FORMAT_ROLES[format] : undefined;
  if (formatRole) return formatRole;
  const nameWords = splitWords(hint.name);
  const nameStems = new Set(nameWords.map(stem));
  if (tool.isSql && nameWords.some((word) => ['query', 'sql', 'statement', 'q'].includes(word))) return 'sql';
  if (tool.isEmail && nameWords.some((word) => ['to', 'from', 'sender'].includes(word)) && nameWords.length <= 2) {
    if (!nameWords.includes('name')) return 'email';
  }
  for (const [role, words] of NAME_ROLES) if (words.some((word) => nameStems.has(stem(word)))) return role;
  const descriptionStems = new Set(splitWords(hint.description).map(stem));
  for (const [role, words] of NAME_ROLES) {
    if (DESCRIPTION_ROLES.includes(role) && words.some((word) => descriptionStems.has(stem(word)))) return role;
  }
  return 'generic';
}

/** A sensible stand-in number, from the parameter's name: 10 results, page 1, year 2025, else 0. */
export function numberPlaceholder(hint: Hint): number {
  const words = new Set(splitWords(hint.name).map(stem));
  const has = (...list: string[]) => list.some((word) => words.has(stem(word)));
  if (has('limit', 'count', 'top', 'size', 'max', 'maximum', 'results', 'per', 'n', 'number', 'quantity')) return 10;
  if (has('page')) return 1;
  if (has('year')) return 2025;
  if (has('age')) return 30;
  if (has('days', 'day')) return 7;
  return 0;
}

/** A stand-in that is valid for the role; `variant` makes array items distinct. */
export function stringPlaceholder(role: Role, variant: number): string {
  const n = variant + 1;
  const suffix = variant ? ` ${n}` : '';
  switch (role) {
    case 'email':
      return variant ? `user${n}@example.com` : 'user@example.com';
    case 'date':
      return `2025-01-${String(1 + (variant % 28)).padStart(2, '0')}`;
    case 'datetime':
      return `2025-01-${String(1 + (variant % 28)).padStart(2, '0')}T00:00:00Z`;
    case 'time':
      return `12:${String(variant % 60).padStart(2, '0')}:00`;
    case 'url':
      return variant ? `https://example.com/${n}` : 'https://example.com';
    case 'person':
      return `Unknown${suffix}`;
    case 'subject':
      return `No subject${suffix}`;
    default:
      return `unknown${suffix}`;
  }
}

/** Placeholders for the formats that have no role, valid for Ajv's and ajv-formats' checks. */
export function formatPlaceholder(format: string, variant: number): string | undefined {
  const n = variant % 250;
  switch (format) {
    case 'uuid':
      return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    case 'hostname':
    case 'idn-hostname':
      return variant ? `host${n}.example.com` : 'example.com';
    case 'ipv4':
      return `192.0.2.${n + 1}`;
    case 'ipv6':
      return `2001:db8::${(n + 1).toString(16)}`;
    default:
      return undefined;
  }
}
