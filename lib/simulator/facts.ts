/**
 * What the simulator can read out of a user's message: e-mail addresses, dates, times, numbers with the
 * words around them, quoted strings, proper-noun phrases and lists of them, and the "message" part of a
 * request such as "send … saying <body>". Argument filling picks from these.
 */
import { concepts, keywords, MONTHS, SENTENCE_STARTERS, stem, STOP_WORDS, WEEKDAYS } from './words';

export interface ProperNoun {
  text: string;
  start: number;
  /** Follows "in", "at", "from"…: more likely a place than a person. */
  afterPreposition: boolean;
}

export interface NumberFact {
  value: number;
  /** Written as a word ("ten"): used only where the surrounding words say what it is. */
  spelled: boolean;
  /** Stems and concepts of the words around the number, e.g. `top`, `#limit`. */
  context: Set<string>;
  /** Where the number starts in the message. */
  start: number;
  /** The word that names it, stemmed: `b` in "b = 6", `radius` in "a radius of 4"; null when none does. */
  label: string | null;
  /** The word right after it, stemmed, when not a stop word: `feet` in "6 feet tall"; else null. */
  unit: string | null;
}

export interface Facts {
  text: string;
  emails: string[];
  urls: string[];
  /** ISO `YYYY-MM-DD`, also the date part of every date-time. */
  dates: string[];
  /** ISO date-times with a zone. */
  dateTimes: string[];
  /** `HH:MM:SS`, 24-hour. */
  times: string[];
  numbers: NumberFact[];
  /** Numbers written as a list in brackets or parentheses: "[10, 15, 12]", "A(3,4)"; where each list is. */
  numberLists: Array<{ values: number[]; start: number; end: number }>;
  quoted: string[];
  properNouns: ProperNoun[];
  /** Runs of proper nouns written as a list: "New York, San Francisco, and Chicago". */
  lists: string[][];
  keywords: string[];
  concepts: Set<string>;
  /** The message of "send … saying <body>", "…: <body>" or a quoted string. */
  body: string | null;
  /** "about <topic>". */
  topic: string | null;
  /** A place written in lower case after "in"/"at"/"near"/"for" ("weather in new york"), title-cased. */
  lowercasePlace: string | null;
}

const MONTH_PATTERN = MONTHS.map((month) => `${month.slice(0, 3)}(?:${month.slice(3)})?`).join('|');
const SPELLED: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100, dozen: 12,
};
const PREPOSITIONS = new Set(['in', 'at', 'from', 'to', 'near', 'for', 'of', 'around', 'between', 'into', 'visiting']);
const CONNECTORS = new Set(['de', 'del', 'da', 'la', 'le', 'van', 'von', 'der', 'du', 'di', 'dos', 'das']);

/** Messages are read up to this length: a few of the patterns are quadratic on pathological input. */
export const MAX_READ_CHARS = 4000;

/** Reads every fact from one message. Pure: the same text always gives the same facts. */
export function readFacts(message: string): Facts {
  const text = message.slice(0, MAX_READ_CHARS);
  const masked = new Masker(text);
  const urls = masked.take(/https?:\/\/[^\s"'<>]+[^\s"'<>.,;:!?)]/g).map((m) => m[0]);
  const emails = masked.take(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g).map((m) => m[0]);
  // Words as a person reads them: an address counts as "email" (not "example", "com"); "°F" as a temperature.
  const words = `${masked.text}${emails.length ? ' email' : ''}${/°\s?[CF]\b/i.test(text) ? ' temperature' : ''}`;
  const { dates, dateTimes } = readDates(masked);
  const times = readTimes(masked);
  const quoted = masked
    .take(/"([^"\n]+)"|“([^”\n]+)”|(?<=^|[\s(:])'([^'\n]+)'(?=$|[\s.,;:!?)])|`([^`\n]+)`/g)
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? m[4]).trim())
    .filter(Boolean);
  const properNouns = readProperNouns(masked.text);
  return {
    text,
    emails,
    urls,
    dates,
    dateTimes,
    times,
    numbers: readNumbers(masked.text),
    numberLists: readNumberLists(masked.text),
    quoted,
    properNouns,
    lists: readLists(masked.text, properNouns),
    keywords: keywords(words),
    concepts: concepts(words),
    body: readBody(text, quoted),
    topic: /\babout\s+([^.?!\n]+)/i.exec(masked.text)?.[1]?.trim() || null,
    lowercasePlace: readLowercasePlace(masked.text),
  };
}

/** Blanks out what has been read, keeping offsets, so numbers inside dates or e-mails are not read twice. */
class Masker {
  text: string;
  constructor(text: string) {
    this.text = text;
  }
  take(pattern: RegExp, keep: (match: RegExpExecArray) => boolean = () => true): RegExpExecArray[] {
    const matches = ([...this.text.matchAll(pattern)] as RegExpExecArray[]).filter(keep);
    for (const m of matches) {
      this.text = this.text.slice(0, m.index) + ' '.repeat(m[0].length) + this.text.slice(m.index + m[0].length);
    }
    return matches;
  }
}

function readDates(masked: Masker): { dates: string[]; dateTimes: string[] } {
  const dates: string[] = [];
  const dateTimes: string[] = [];
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?\b/g;
  for (const m of masked.take(iso)) {
    const date = isoDate(+m[1], +m[2], +m[3]);
    if (!date) continue;
    dates.push(date);
    if (m[4] !== undefined && +m[4] < 24 && +m[5] < 60 && +(m[6] ?? 0) < 60) {
      const zone = m[7] ? (m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].slice(-2)}`) : 'Z';
      dateTimes.push(`${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`);
    }
  }
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? (${MONTH_PATTERN})\\.?,? (\\d{4})\\b`, 'gi');
  const monthFirst = new RegExp(`\\b(${MONTH_PATTERN})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'gi');
  for (const m of masked.take(dayFirst)) pushDate(dates, +m[3], monthNumber(m[2]), +m[1]);
  for (const m of masked.take(monthFirst)) pushDate(dates, +m[3], monthNumber(m[1]), +m[2]);
  return { dates, dateTimes };
}

function pushDate(dates: string[], year: number, month: number, day: number): void {
  const date = isoDate(year, month, day);
  if (date) dates.push(date);
}

function monthNumber(name: string): number {
  return MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

/** `YYYY-MM-DD` when the day exists in that month, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || year > 9999 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readTimes(masked: Masker): string[] {
  const times: string[] = [];
  const pattern = /\b(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s?([ap]\.?m\.?)?(?=$|[^\p{L}\p{N}])/giu;
  for (const m of masked.take(pattern, (match) => match[2] !== undefined || Boolean(match[4]))) {
    let hour = +m[1];
    if (m[4]) hour = (hour % 12) + (m[4].toLowerCase().startsWith('p') ? 12 : 0);
    if (hour > 23 || +(m[2] ?? 0) > 59 || +(m[3] ?? 0) > 59) continue;
    times.push([hour, +(m[2] ?? 0), +(m[3] ?? 0)].map((n) => String(n).padStart(2, '0')).join(':'));
  }
  return times;
}

function readNumbers(text: string): NumberFact[] {
  const numbers: { value: number; spelled: boolean; start: number; end: number }[] = [];
  const digits =
    /(?<=^|[^\p{L}\p{N}_.])([-−])?([$€£])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([eE][-+]?\d{1,3}(?![\p{L}\p{N}]))?(?:([kKmM])\b|\s(thousand|million|billion)\b)?/gu;
  for (const m of text.matchAll(digits)) {
    let value = Number(m[3].replace(/,/g, '') + (m[4] ?? '') + (m[5] ?? ''));
    // "5k" and "$2M" are thousands and millions; "300K" is kelvin and "5m" metres.
    const letter = m[6] && (m[2] || m[6] === 'k') ? m[6] : undefined;
    const scale = (letter ?? m[7] ?? '').toLowerCase();
    value *= scale === 'k' || scale === 'thousand' ? 1e3 : scale === 'm' || scale === 'million' ? 1e6 : scale === 'billion' ? 1e9 : 1;
    if (m[1]) value = -value;
    if (Number.isFinite(value)) numbers.push({ value, spelled: false, start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(/\b[a-z]+\b/gi)) {
    const value = SPELLED[m[0].toLowerCase()];
    if (value !== undefined) numbers.push({ value, spelled: true, start: m.index, end: m.index + m[0].length });
  }
  return numbers
    .sort((a, b) => a.start - b.start)
    .map(({ value, spelled, start, end }) => {
      const before = text.slice(Math.max(0, start - 80), start).split(/\s+/).filter(Boolean).slice(-3).join(' ');
      const after = text.slice(end, end + 60).split(/\s+/).filter(Boolean).slice(0, 2).join(' ');
      const symbol = /[$€£]/.test(text.slice(start, end)) ? ' dollar' : '';
      const label = LABEL.exec(text.slice(Math.max(0, start - 40), start))?.[1];
      const next = /^\s*(\p{L}+)/u.exec(text.slice(end, end + 40))?.[1]?.toLowerCase();
      const unit = next && !STOP_WORDS.has(next) ? stem(next) : null;
      return { value, spelled, context: concepts(`${before} ${after}${symbol}`, true), start, label: label ? stem(label) : null, unit };
    });
}

/** The word right before a number, through "=", ":", "of", "is", "as" or "equals": "b = 6", "radius of 4". */
const LABEL = /([\p{L}_][\p{L}\p{N}_]*)\s*(?:[=:]|\b(?:of|is|as|equals?)\b)?\s*$/u;

/** "[10, 15, 12]", "(3,4)", "(e.g., 12.4, 15.6)": two or more numbers, comma-separated, bracketed. */
const NUMBER_LIST = /[[(]\s*(?:e\.g\.,?\s*)?(-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)+)\s*[\])]/g;

function readNumberLists(text: string): Facts['numberLists'] {
  return [...text.matchAll(NUMBER_LIST)].slice(0, 32).map((m) => ({
    values: m[1].split(',').map((item) => Number(item.trim())),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function readProperNouns(text: string): ProperNoun[] {
  const tokens: Token[] = [...text.matchAll(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[.!?;:,()"“”\n]/gu)].map((m) => {
    const word = m[0].replace(/['’]s$/u, '') || m[0];
    return { text: word, start: m.index, end: m.index + word.length };
  });
  const nouns: ProperNoun[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isProper(tokens, i)) {
      i++;
      continue;
    }
    const first = i;
    let last = i;
    for (let j = i + 1; j < tokens.length; j++) {
      const gap = text.slice(tokens[j - 1].end, tokens[j].start);
      if (!/^ ?$/.test(gap) || /^[^\p{L}\p{N}]/u.test(tokens[j].text)) break;
      if (isCapitalized(tokens[j].text) && !isCalendarWord(tokens[j].text)) last = j;
      else if (!CONNECTORS.has(tokens[j].text)) break;
    }
    let end = tokens[last].end;
    // "San Francisco, CA": a state or country code belongs to the place.
    const code = tokens[last + 2];
    if (tokens[last + 1]?.text === ',' && code && /^[A-Z]{2}$/.test(code.text) && !/^[\p{L}]/u.test(text.slice(code.end, code.end + 1))) {
      end = code.end;
      last += 2;
    }
    const before = tokens[first - 1]?.text.toLowerCase() ?? '';
    // A lone capital ("°F", "A") is a symbol or a letter, not a name.
    if (first === last && tokens[first].text.length < 2) {
      i = last + 1;
      continue;
    }
    nouns.push({ text: text.slice(tokens[first].start, end), start: tokens[first].start, afterPreposition: PREPOSITIONS.has(before) });
    i = last + 1;
  }
  return nouns;
}

function isProper(tokens: Token[], i: number): boolean {
  const word = tokens[i].text;
  if (!isCapitalized(word) || word === 'I' || isCalendarWord(word)) return false;
  const previous = tokens[i - 1]?.text;
  const startsSentence = previous === undefined || /^[.!?;:\n"“(]$/.test(previous);
  const lower = word.toLowerCase();
  if (startsSentence && (SENTENCE_STARTERS.has(lower) || STOP_WORDS.has(lower) || concepts(lower).size > 1)) return false;
  return true;
}

function isCapitalized(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function isCalendarWord(word: string): boolean {
  const lower = word.toLowerCase();
  return MONTHS.includes(lower) || WEEKDAYS.includes(lower);
}

function readLists(text: string, nouns: ProperNoun[]): string[][] {
  const lists: string[][] = [];
  let run: ProperNoun[] = [];
  const close = () => {
    // Two names and a comma alone ("Seattle, Washington", "Paris, France") are one place, not a list.
    const onePlace = run.length === 2 && /^\s*,\s*$/.test(text.slice(run[0].start + run[0].text.length, run[1].start));
    if (run.length >= 2 && !onePlace) lists.push([...new Set(run.map((noun) => noun.text))]);
    run = [];
  };
  for (const noun of nouns) {
    const previous = run[run.length - 1];
    const gap = previous ? text.slice(previous.start + previous.text.length, noun.start) : '';
    if (previous && !/^\s*(?:,\s*(?:(?:and|or|&)\s+)?|(?:and|or|&)\s+|&\s*)$/i.test(gap)) close();
    run.push(noun);
  }
  close();
  return lists.filter((list) => list.length >= 2);
}

const TIME_WORDS = new Set(['today', 'tomorrow', 'tonight', 'now', 'yesterday', 'morning', 'afternoon', 'evening', 'week',
  'month', 'year', 'weekend', 'next', 'last', ...MONTHS, ...WEEKDAYS]);

function readLowercasePlace(text: string): string | null {
  for (const m of text.matchAll(/\b(?:in|at|near|for)\s+([^.,;:!?()"\n]+)/gi)) {
    const words: string[] = [];
    for (const word of m[1].trim().split(/\s+/)) {
      const lower = word.toLowerCase();
      const named = [...concepts(lower)].some((item) => item.startsWith('#'));
      if (!/^\p{L}+$/u.test(word) || STOP_WORDS.has(lower) || TIME_WORDS.has(lower) || named || words.length === 3) break;
      words.push(lower.charAt(0).toUpperCase() + lower.slice(1));
    }
    if (words.length) return words.join(' ');
  }
  return null;
}

function readBody(text: string, quoted: string[]): string | null {
  const marker =
    /\b(?:saying|that says|which says|to say|telling (?:him|her|them|me|us)|with (?:the )?(?:message|text|body|note|content))\b\s*:?\s*([\s\S]+)$/i.exec(
      text,
    );
  const colon = /(?:^|[^\d\s])\s*:\s+([\s\S]+)$/.exec(text);
  const raw = marker?.[1] ?? quoted[0] ?? colon?.[1];
  if (!raw) return null;
  const unquoted = /^["“']([\s\S]*)["”']\.?$/.exec(raw.trim())?.[1] ?? raw;
  return unquoted.trim().replace(/^that\s+/i, '').replace(/\.$/, '').trim() || null;
}
