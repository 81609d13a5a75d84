/** Which of a schema's `enum` options a message names: "in fahrenheit", "°F", "priority high", "level 3". */
import type { Facts } from './facts';
import { splitWords, stem } from './words';

/** The options the message names, in the schema's order. */
export function namedOptions(options: readonly unknown[], facts: Facts): unknown[] {
  const text = facts.text.toLowerCase().replace(/[_-]+/g, ' ');
  const stems = new Set(facts.keywords);
  const named = options.filter((option) => {
    if (typeof option === 'number') return facts.numbers.some((fact) => fact.value === option);
    if (typeof option !== 'string' || !option.trim()) return false;
    const words = splitWords(option);
    if (!words.length) return false;
    const phrase = new RegExp(`(^|[^\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s_-]+')}($|[^\\p{L}\\p{N}])`, 'u');
    return phrase.test(text) || (words.length === 1 && stems.has(stem(words[0])));
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
