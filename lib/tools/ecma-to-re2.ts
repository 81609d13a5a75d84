/**
 * A JSON Schema `pattern` (an ECMA-262 regular expression, read with the `u` flag as Ajv reads it)
 * rewritten in RE2 syntax with the same meaning, or the reason RE2 cannot express it (lookaround,
 * backreferences). The input must already have been accepted by `new RegExp(pattern, 'u')`, so only
 * valid Unicode-mode syntax arrives here.
 *
 * Where the two dialects differ, this spells the ECMA meaning out: `.` excludes all four line
 * terminators, `\s` / `\S` are ECMA's Unicode white space, `\u{…}` / surrogate pairs become one code
 * point, and every other literal that is not a letter or digit is written `\x{…}`, so RE2 never reads one
 * as syntax (`[[:alpha:]]`, a `-` after a range, `\Z`).
 */

export type Translation = { ok: true; source: string } | { ok: false; reason: string };

/** ECMA-262 WhiteSpace and LineTerminator, the code points of `\s`. */
const SPACE: Array<[number, number]> = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f],
  [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
/** What `.` does not match without the `s` flag. */
const LINE_TERMINATORS: Array<[number, number]> = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

const hex = (code: number) => `\\x{${code.toString(16)}}`;
const ranges = (list: Array<[number, number]>) => list.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');

function complement(list: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [a, b] of list) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

const SPACE_CLASS = ranges(SPACE);
const NOT_SPACE_CLASS = ranges(complement(SPACE));
const ANY = `[${ranges([[0, 0x10ffff]])}]`;
const NOTHING = `[^${ranges([[0, 0x10ffff]])}]`;

/** ECMA's long General_Category names for the short ones RE2 knows. */
const CATEGORY: Record<string, string> = {
  Letter: 'L', Cased_Letter: 'LC', Uppercase_Letter: 'Lu', Lowercase_Letter: 'Ll', Titlecase_Letter: 'Lt', Modifier_Letter: 'Lm',
  Other_Letter: 'Lo', Mark: 'M', Combining_Mark: 'M', Nonspacing_Mark: 'Mn', Spacing_Mark: 'Mc', Enclosing_Mark: 'Me',
  Number: 'N', Decimal_Number: 'Nd', digit: 'Nd', Letter_Number: 'Nl', Other_Number: 'No', Punctuation: 'P', punct: 'P',
  Connector_Punctuation: 'Pc', Dash_Punctuation: 'Pd', Open_Punctuation: 'Ps', Close_Punctuation: 'Pe', Initial_Punctuation: 'Pi',
  Final_Punctuation: 'Pf', Other_Punctuation: 'Po', Symbol: 'S', Math_Symbol: 'Sm', Currency_Symbol: 'Sc', Modifier_Symbol: 'Sk',
  Other_Symbol: 'So', Separator: 'Z', Space_Separator: 'Zs', Line_Separator: 'Zl', Paragraph_Separator: 'Zp', Other: 'C',
  Control: 'Cc', cntrl: 'Cc', Format: 'Cf', Unassigned: 'Cn', Private_Use: 'Co', Surrogate: 'Cs',
};

class Unsupported extends Error {}

/** The pattern in RE2 syntax, or why RE2 cannot run it. */
export function ecmaToRe2(pattern: string): Translation {
  try {
    return { ok: true, source: new Reader(pattern).disjunction() };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.message };
    throw error;
  }
}

class Reader {
  private i = 0;
  constructor(private readonly text: string) {}

  disjunction(): string {
    let out = '';
    while (this.i < this.text.length) out += this.term();
    return out;
  }

  private peek(offset = 0): string {
    return this.text[this.i + offset] ?? '';
  }

  private startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.i);
  }

  /** One code point as the `u` flag reads it (a surrogate pair is one). */
  private codePoint(): number {
    const code = this.text.codePointAt(this.i)!;
    this.i += code > 0xffff ? 2 : 1;
    return code;
  }

  private term(): string {
    const c = this.peek();
    switch (c) {
      case '\\':
        this.i++;
        return this.escape(false);
      case '[':
        return this.characterClass();
      case '(':
        return this.group();
      case '.':
        this.i++;
        return `[^${ranges(LINE_TERMINATORS)}]`;
      case '{': {
        const end = this.text.indexOf('}', this.i);
        const quantifier = this.text.slice(this.i, end + 1);
        this.i = end + 1;
        return quantifier;
      }
      case ')':
      case '|':
      case '*':
      case '+':
      case '?':
      case '^':
      case '$':
        this.i++;
        return c;
      default:
        return literal(this.codePoint());
    }
  }

  private group(): string {
    this.i++; // (
    if (!this.startsWith('?')) return '(';
    if (this.startsWith('?:')) {
      this.i += 2;
      return '(?:';
    }
    if (this.startsWith('?=') || this.startsWith('?!')) throw new Unsupported('lookahead');
    if (this.startsWith('?<=') || this.startsWith('?<!')) throw new Unsupported('lookbehind');
    if (this.startsWith('?<')) {
      // A named group: the name matters only to backreferences, which RE2 has none of.
      this.i = this.text.indexOf('>', this.i) + 1;
      return '(';
    }
    throw new Unsupported('inline flags ((?i:…))');
  }

  /** After a backslash. */
  private escape(inClass: boolean): string {
    const c = this.peek();
    this.i++;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return `\\${c}`;
      case 's':
        return inClass ? SPACE_CLASS : `[${SPACE_CLASS}]`;
      case 'S':
        return inClass ? NOT_SPACE_CLASS : `[${NOT_SPACE_CLASS}]`;
      case 'b':
        return inClass ? hex(8) : '\\b';
      case 'B':
        return '\\B';
      case 'f':
        return hex(0x0c);
      case 'n':
        return hex(0x0a);
      case 'r':
        return hex(0x0d);
      case 't':
        return hex(0x09);
      case 'v':
        return hex(0x0b);
      case '0':
        return hex(0);
      case 'c':
        return hex(this.text.charCodeAt(this.i++) % 32);
      case 'x': {
        const code = parseInt(this.text.slice(this.i, this.i + 2), 16);
        this.i += 2;
        return hex(code);
      }
      case 'u':
        return hex(this.unicodeEscape());
      case 'p':
      case 'P':
        return this.property(c === 'P');
      case 'k':
        throw new Unsupported(`a backreference (\\k${this.text.slice(this.i, this.text.indexOf('>', this.i) + 1)})`);
      default:
        if (c >= '1' && c <= '9') {
          let digits = c;
          while (/[0-9]/.test(this.peek())) digits += this.text[this.i++];
          throw new Unsupported(`a backreference (\\${digits})`);
        }
        // An escaped syntax character, `/`, or `-` in a class: the character itself.
        this.i--;
        return literal(this.codePoint());
    }
  }

  /** `\uXXXX` (two of them for a surrogate pair) or `\u{X…}`, after the `u`. */
  private unicodeEscape(): number {
    if (this.peek() === '{') {
      const end = this.text.indexOf('}', this.i);
      const code = parseInt(this.text.slice(this.i + 1, end), 16);
      this.i = end + 1;
      return code;
    }
    const high = parseInt(this.text.slice(this.i, this.i + 4), 16);
    this.i += 4;
    const low = /^\\u([0-9a-fA-F]{4})/.exec(this.text.slice(this.i, this.i + 6));
    if (high >= 0xd800 && high <= 0xdbff && low) {
      const lowCode = parseInt(low[1], 16);
      if (lowCode >= 0xdc00 && lowCode <= 0xdfff) {
        this.i += 6;
        return 0x10000 + ((high - 0xd800) << 10) + (lowCode - 0xdc00);
      }
    }
    return high;
  }

  /** `\p{…}` / `\P{…}`, after the `p`. */
  private property(negated: boolean): string {
    const end = this.text.indexOf('}', this.i);
    const body = this.text.slice(this.i + 1, end);
    this.i = end + 1;
    const [name, value] = body.includes('=') ? body.split('=') : [undefined, body];
    if (name !== undefined && !['General_Category', 'gc', 'Script', 'sc'].includes(name)) throw new Unsupported(`the Unicode property \\p{${body}}`);
    const re2Name = CATEGORY[value] ?? value;
    if (!/^[A-Za-z_]+$/.test(re2Name)) throw new Unsupported(`the Unicode property \\p{${body}}`);
    return `\\${negated ? 'P' : 'p'}{${re2Name}}`;
  }

  private characterClass(): string {
    this.i++; // [
    const negated = this.peek() === '^';
    if (negated) this.i++;
    let items = '';
    while (this.peek() !== ']') {
      const from = this.classAtom();
      // A range: a single character, `-`, a single character (Unicode mode allows nothing else).
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.i++;
        items += `${from}-${this.classAtom()}`;
      } else {
        items += from;
      }
    }
    this.i++; // ]
    if (!items) return negated ? ANY : NOTHING;
    return `[${negated ? '^' : ''}${items}]`;
  }

  private classAtom(): string {
    if (this.peek() === '\\') {
      this.i++;
      return this.escape(true);
    }
    return literal(this.codePoint());
  }
}

/** A literal code point: letters and digits as they are, anything else as `\x{…}`. */
function literal(code: number): string {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) ? String.fromCodePoint(code) : hex(code);
}
