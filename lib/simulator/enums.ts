/** Which of a schema's `enum` options a message names: "in fahrenheit", "°F", "priority high", "level 3". */
import type { Facts } from './facts';
import { splitWords, stem } from './words';

interface MessageWords {
  /** The message in lower case, `_` and `-` read as spaces. */
  text: string;
  /** Every word of the message (a run of letters and digits). */
  words: Set<string>;
  /** The runs of words separated by white space only, each as " w1 w2 … ", one after another. */
  runs: string;
}

const wordsOf = new WeakMap<Facts, MessageWords>();

/**
 * The message read once for every option of every enum: an enum may have tens of thousands of options,
 * and a pattern built per option, run over the whole message each, took minutes on such a schema.
 */
function messageWords(facts: Facts): MessageWords {
  let read = wordsOf.get(facts);
  if (read) return read;
  const text = facts.text.toLowerCase().replace(/[_-]+/g, ' ');
  const words = new Set<string>();
  const runs: string[][] = [[]];
  let end = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (runs[runs.length - 1].length && !/^\s+$/u.test(text.slice(end, m.index))) runs.push([]);
    runs[runs.length - 1].push(m[0]);
    words.add(m[0]);
    end = m.index + m[0].length;
  }
  read = { text, words, runs: ` ${runs.map((run) => run.join(' ')).join(' \u0000 ')} ` };
  wordsOf.set(facts, read);
  return read;
}

/** The options the message names, in the schema's order. */
export function namedOptions(options: readonly unknown[], facts: Facts): unknown[] {
  const { text, words: present, runs } = messageWords(facts);
  const stems = new Set(facts.keywords);
  const named = options.filter((option) => {
    if (typeof option === 'number') return facts.numbers.some((fact) => fact.value === option);
    if (typeof option !== 'string' || !option.trim()) return false;
    const words = splitWords(option);
    if (!words.length) return false;
    // The option's words, in order, separated by white space only, as whole words of the message.
    if (words.every((word) => present.has(word)) && (words.length === 1 || runs.includes(` ${words.join(' ')} `))) return true;
    return words.length === 1 && stems.has(stem(words[0]));
  });
  if (named.length) return named;
  // A unit symbol names the unit: "72°F" → fahrenheit.
  const unit = /°\s?f\b|\bdegrees? f\b/.test(text)
    ? /^(f|fahrenheit|imperial)$/i
    : /°\s?c\b|\bdegrees? c\b/.test(text)
      ? /^(c|celsius|metric)$/i
      : null;
  return unit ? options.filter((option) => typeof option === 'string' && unit.test(option)) : [];
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
