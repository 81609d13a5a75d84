/**
 * How the page shows texts of any length without freezing (issue "Security, round two", finding 8).
 * Chromium lays out one paragraph in time that grows about with the square of its length for some texts:
 * Latin and Arabic letters alternating ("aب…", a bidirectional run per letter) take 2 s at 64,000
 * characters and about 30 s at 240,000, on every layout; a textarea is one paragraph per line. So:
 *  - a text over LONG_TEXT_CHARS is folded: its first PREVIEW_CHARS and "Show all (N characters)";
 *    an editable one is shown so, read-only, until the person chooses to edit it;
 *  - a text shown is laid out in blocks of at most BLOCK_CHARS, each a paragraph of its own (linear:
 *    240,000 such characters in 0.8 s), split at line breaks where there are any.
 * Measured with the texts of e2e/hostile-links.spec.ts; realistic text (Latin, 160,000 characters in
 * one textarea: 45 ms) stays far below these costs.
 */

/** Longer texts are folded. A long real system prompt or tool result is a few thousand characters. */
export const LONG_TEXT_CHARS = 20_000;
/** What a folded text shows. */
export const PREVIEW_CHARS = 2_000;
/** The longest block laid out as one paragraph (the worst text: about 10 ms). */
export const BLOCK_CHARS = 2_000;

/** "240,000 characters". */
export function characters(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'character' : 'characters'}`;
}

/** The first `max` UTF-16 units of `text`, not ending inside a surrogate pair. */
export function preview(text: string, max = PREVIEW_CHARS): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * `text` cut into blocks of at most `max` characters whose concatenation is `text`: each block ends
 * just after a line break where one falls within it, else after the last space of its second half,
 * else at `max` (a line that long is broken there when shown). Shown as block elements under
 * `white-space: pre-wrap`, the blocks read as the text did: a block's final line break ends its last line.
 */
export function textBlocks(text: string, max = BLOCK_CHARS): string[] {
  if (text.length <= max) return [text];
  const blocks: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    const window = text.slice(start, start + max);
    let cut = window.lastIndexOf('\n') + 1;
    if (cut === 0) {
      const space = window.lastIndexOf(' ') + 1;
      cut = space > max / 2 ? space : preview(window, max).length;
    }
    blocks.push(text.slice(start, start + cut));
    start += cut;
  }
  blocks.push(text.slice(start));
  return blocks;
}
