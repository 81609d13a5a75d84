/**
 * A strict JSON parser that keeps where every value and key sits in the text, so problems found in the
 * value (tools lint) can be shown at the right line and column. Syntax errors come back as a value with
 * an offset and a sentence, not as a throw.
 */

export interface JsonProp {
  key: string;
  keyOffset: number;
  keyEnd: number;
  value: JsonNode;
}

export interface JsonNode {
  type: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** Offsets into the text: [offset, end). */
  offset: number;
  end: number;
  value: unknown;
  props?: JsonProp[];
  items?: JsonNode[];
}

export interface JsonSyntaxError {
  message: string;
  offset: number;
  end: number;
}

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

export function parseJsonWithRanges(text: string): { root: JsonNode } | { error: JsonSyntaxError } {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (message: string, offset = i, end = offset + 1): never => {
    throw new Stop({ message, offset: Math.min(offset, text.length), end: Math.min(Math.max(end, offset + 1), text.length + 1) });
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };

  const string = (): JsonNode => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i += 2;
      else if (text.charCodeAt(i) < 0x20) fail('a string cannot span lines: close it with " first', start, i);
      else i++;
    }
    if (i >= text.length) fail('this string is never closed: add the missing "', start, text.length);
    i++;
    try {
      return { type: 'string', offset: start, end: i, value: JSON.parse(text.slice(start, i)) as string };
    } catch {
      return fail('this string has an invalid escape sequence (use \\" \\\\ \\n \\t or \\uXXXX)', start, i);
    }
  };

  const value = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === undefined) return fail('the text ends where a value should be', text.length);
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === "'") return fail('strings must use double quotes, not single quotes');
    if (c === '-' || (c >= '0' && c <= '9')) {
      const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
      match.lastIndex = i;
      const m = match.exec(text);
      const after = m ? i + m[0].length : i;
      if (!m || m[0] === '-' || /[0-9A-Za-z.]/.test(text[after] ?? '')) {
        const word = /[-0-9A-Za-z.+]+/y;
        word.lastIndex = i;
        return fail(`"${word.exec(text)?.[0] ?? c}" is not a valid number`, i, i + (word.exec(text)?.[0].length ?? 1));
      }
      const start = i;
      i = after;
      return { type: 'number', offset: start, end: i, value: Number(m[0]) };
    }
    for (const [word, literal] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i) && !/[A-Za-z0-9_]/.test(text[i + word.length] ?? '')) {
        const start = i;
        i += word.length;
        return { type: literal === null ? 'null' : 'boolean', offset: start, end: i, value: literal };
      }
    }
    const word = /[A-Za-z_$][\w$]*/y;
    word.lastIndex = i;
    const found = word.exec(text)?.[0];
    if (found) return fail(`unexpected word "${found}": a value is a "string", a number, true, false, null, {…} or […]`, i, i + found.length);
    if (c === '}' || c === ']') return fail(`a value is missing before "${c}"`);
    return fail(`unexpected character "${c}"`);
  };

  const object = (): JsonNode => {
    const start = i;
    i++;
    const props: JsonProp[] = [];
    const result: Record<string, unknown> = {};
    ws();
    if (text[i] === '}') {
      i++;
      return { type: 'object', offset: start, end: i, value: result, props };
    }
    for (;;) {
      ws();
      if (text[i] !== '"') {
        if (text[i] === '}' && props.length) fail('remove the comma before "}": JSON does not allow trailing commas');
        if (i >= text.length) fail('the text ends inside an object: close it with }', start, start + 1);
        fail('expected a property name in double quotes');
      }
      const key = string();
      ws();
      if (text[i] !== ':') fail(`expected ":" after the property name "${String(key.value)}"`);
      i++;
      const child = value();
      props.push({ key: key.value as string, keyOffset: key.offset, keyEnd: key.end, value: child });
      Object.defineProperty(result, key.value as string, { value: child.value, enumerable: true, writable: true, configurable: true });
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return { type: 'object', offset: start, end: i, value: result, props };
      }
      if (i >= text.length) fail('the text ends inside an object: close it with }', start, start + 1);
      fail('expected "," or "}" after a property value');
    }
  };

  const array = (): JsonNode => {
    const start = i;
    i++;
    const items: JsonNode[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return { type: 'array', offset: start, end: i, value: [], items };
    }
    for (;;) {
      ws();
      if (text[i] === ']' && items.length) fail('remove the comma before "]": JSON does not allow trailing commas');
      items.push(value());
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return { type: 'array', offset: start, end: i, value: items.map((item) => item.value), items };
      }
      if (i >= text.length) fail('the text ends inside an array: close it with ]', start, start + 1);
      fail('expected "," or "]" after an array item');
    }
  };

  try {
    const root = value();
    ws();
    if (i < text.length) fail('unexpected text after the end of the JSON value', i, text.length);
    return { root };
  } catch (error) {
    if (error instanceof Stop) return { error: error.error };
    throw error;
  }
}

/** The node at a path of keys and indexes, or undefined when the path leaves the tree. */
export function nodeAtPath(node: JsonNode, path: readonly string[]): JsonNode | undefined {
  let current: JsonNode | undefined = node;
  for (const part of path) {
    if (!current) return undefined;
    if (current.type === 'object') {
      const props: JsonProp[] = current.props ?? [];
      let found: JsonNode | undefined;
      for (let k = props.length - 1; k >= 0; k--) {
        if (props[k].key === part) {
          found = props[k].value;
          break;
        }
      }
      current = found;
    } else if (current.type === 'array') current = current.items?.[Number(part)];
    else return undefined;
  }
  return current;
}

/** The offset each line starts at (for offsets → line/column). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset, given the line starts. */
export function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** An offset range as Monaco's 1-based range. */
export function toRange(starts: number[], start: number, end: number) {
  const a = position(starts, start);
  const b = position(starts, end);
  return { startLineNumber: a.line, startColumn: a.column, endLineNumber: b.line, endColumn: b.column };
}
