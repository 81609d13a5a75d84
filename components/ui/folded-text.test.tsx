import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { FoldedText, FoldedValue, useFoldedEdit } from './folded-text';
import { BLOCK_CHARS, LONG_TEXT_CHARS, PREVIEW_CHARS, preview, textBlocks } from './long-text';

const LONG = 'aب'.repeat(120_000);

describe('textBlocks', () => {
  it('keeps a short text whole and cuts a long one into blocks that join back to it', () => {
    expect(textBlocks('one\ntwo')).toEqual(['one\ntwo']);
    for (const text of [LONG, 'word '.repeat(9_000), `${'x'.repeat(4_500)}\n\n${'line\n'.repeat(2_000)}`, '😀'.repeat(3_000)]) {
      const blocks = textBlocks(text);
      expect(blocks.join('')).toBe(text);
      expect(Math.max(...blocks.map((b) => b.length))).toBeLessThanOrEqual(BLOCK_CHARS);
      // Never between the two halves of a surrogate pair.
      for (const block of blocks) expect(block).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  it('cuts after a line break, else after a space, else at the limit', () => {
    expect(textBlocks('aaaa\nbbbbbb', 8)).toEqual(['aaaa\n', 'bbbbbb']);
    expect(textBlocks('aaaaa bbbbbb', 8)).toEqual(['aaaaa ', 'bbbbbb']);
    expect(textBlocks('a bbbbbbbbbbbb', 8)).toEqual(['a bbbbbb', 'bbbbbb']);
  });

  it('a preview never ends inside a surrogate pair', () => {
    expect(preview('😀'.repeat(2_000), 3)).toBe('😀');
    expect(preview('short')).toBe('short');
  });
});

describe('FoldedText', () => {
  it('shows a text up to LONG_TEXT_CHARS whole', () => {
    const text = 'x'.repeat(LONG_TEXT_CHARS);
    const { container } = render(<FoldedText text={text} />);
    expect(container.textContent).toBe(text);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('folds a longer one behind "Show all (N characters)", and unfolds it on request', async () => {
    const user = userEvent.setup();
    const { container } = render(<FoldedText as="pre" text={LONG} />);
    const pre = container.querySelector('pre')!;
    expect(pre.textContent).toBe(`${LONG.slice(0, PREVIEW_CHARS)}…`);
    const button = screen.getByRole('button', { name: 'Show all (240,000 characters)' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);
    expect(pre.textContent).toBe(LONG);
    expect(pre.firstElementChild!.children.length).toBe(LONG.length / BLOCK_CHARS);
    await user.click(screen.getByRole('button', { name: 'Show less' }));
    expect(pre.textContent).toHaveLength(PREVIEW_CHARS + 1);
  });
});

/** A box as the chat's components use it: folded when long and not typed here. */
function Field({ initial, onCleared }: { initial: string; onCleared?: () => void }) {
  const [value, setValue] = useState(initial);
  const fold = useFoldedEdit(value);
  return (
    <>
      <button type="button" onClick={() => setValue(`${LONG}!`)}>
        Replace from elsewhere
      </button>
      {fold.folded ? (
        <FoldedValue
          value={value}
          what="system prompt"
          label="System"
          id="system"
          onEdit={fold.edit}
          onClear={() => {
            setValue('');
            onCleared?.();
          }}
        />
      ) : (
        <textarea
          id="system"
          aria-label="System"
          value={value}
          onChange={(e) => {
            fold.edited(e.target.value);
            setValue(e.target.value);
          }}
        />
      )}
    </>
  );
}

describe('FoldedValue and useFoldedEdit', () => {
  it('a short text is in its box', () => {
    render(<Field initial="Be brief." />);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'System' }).value).toBe('Be brief.');
  });

  it('a long text shows folded and read-only, says why, and goes into its box on Edit', async () => {
    const user = userEvent.setup();
    render(<Field initial={LONG} />);
    expect(screen.queryByRole('textbox')).toBeNull();
    const group = screen.getByRole('group', { name: 'System, 240,000 characters, folded' });
    expect(group.textContent).toHaveLength(PREVIEW_CHARS + 1);
    expect(screen.getByText(/This system prompt is 240,000 characters long, so it is shown folded/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show all (240,000 characters)' }));
    expect(group.textContent).toBe(LONG);

    await user.click(screen.getByRole('button', { name: 'Edit the system prompt' }));
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'System' });
    expect(box.value).toBe(LONG);
    // The person's own edits keep the box, however long the text.
    await user.type(box, '!');
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'System' }).value).toBe(`${LONG}!`);
  });

  it('a long text from elsewhere folds again, even while its box was open', async () => {
    const user = userEvent.setup();
    render(<Field initial={LONG} />);
    await user.click(screen.getByRole('button', { name: 'Edit the system prompt' }));
    expect(screen.getByRole('textbox', { name: 'System' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Replace from elsewhere' }));
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByRole('group', { name: 'System, 240,001 characters, folded' })).toBeTruthy();
  });

  it('Clear empties it and opens the empty box', async () => {
    const user = userEvent.setup();
    render(<Field initial={LONG} />);
    await user.click(screen.getByRole('button', { name: 'Clear the system prompt' }));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'System' }).value).toBe('');
  });
});
