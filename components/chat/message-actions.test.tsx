import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AnswerPager, ICONS, InlineEditor, MessageToolbar } from './message-actions';

describe('the message toolbar', () => {
  it('is one Tab stop; arrows, Home and End move between its buttons; an unavailable one keeps focus and says why', async () => {
    const user = userEvent.setup();
    const edit = vi.fn();
    const run = vi.fn();
    render(
      <>
        <button type="button">before</button>
        <MessageToolbar
          label="Actions for your message"
          actions={[
            { label: 'Edit message', icon: ICONS.edit, onClick: edit },
            { label: 'Run from here', icon: ICONS.run, onClick: run, unavailable: 'a reply is streaming' },
            { label: 'Delete message', icon: ICONS.delete, onClick: () => {} },
          ]}
        />
        <button type="button">after</button>
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit message' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'after' }));
    await user.tab({ shift: true });
    await user.keyboard('{ArrowRight}');
    const runButton = screen.getByRole('button', { name: 'Run from here' });
    expect(document.activeElement).toBe(runButton);
    expect(runButton.getAttribute('aria-disabled')).toBe('true');
    expect(runButton.getAttribute('title')).toBe('Run from here: a reply is streaming');
    await user.keyboard('{Enter}');
    expect(run).not.toHaveBeenCalled();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete message' }));
    await user.keyboard('{ArrowRight}{Enter}');
    expect(edit).toHaveBeenCalledTimes(1);
  });
});

describe('the inline editor', () => {
  it('starts focused; Escape cancels, Ctrl+Enter saves, Save is refused while the text has a problem', async () => {
    const user = userEvent.setup();
    const save = vi.fn();
    const cancel = vi.fn();
    const { rerender } = render(<InlineEditor initial="Hello" label="Message text" onSave={save} onCancel={cancel} problem={(t) => (t.trim() ? null : 'Needs text.')} />);
    const box = screen.getByRole('textbox', { name: 'Message text' });
    expect(document.activeElement).toBe(box);
    await user.keyboard('{Escape}');
    expect(cancel).toHaveBeenCalledTimes(1);
    await user.keyboard(' there{Control>}{Enter}{/Control}');
    expect(save).toHaveBeenCalledWith('Hello there');
    await user.clear(box);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save' }).disabled).toBe(true);
    expect(screen.getByText('Needs text.')).toBeTruthy();

    const run = vi.fn();
    rerender(<InlineEditor initial="Hi" label="Message text" onSave={save} onCancel={cancel} primary={{ label: 'Save and run', onClick: run }} />);
    await user.click(screen.getByRole('button', { name: 'Save and run' }));
    expect(run).toHaveBeenCalled();
  });
});

describe('the answers pager', () => {
  it('names where it is and pages within the answers', async () => {
    const user = userEvent.setup();
    const show = vi.fn();
    render(<AnswerPager index={0} count={3} onShow={show} />);
    expect(screen.getByRole('group', { name: 'Answer 1 of 3' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Previous answer' }));
    expect(show).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Next answer' }));
    expect(show).toHaveBeenCalledWith(1);
  });
});
