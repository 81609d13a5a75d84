import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoticeBar, type Notice } from './notice-bar';

function show(notice: Notice | null) {
  const onDismiss = vi.fn();
  const onExportJson = vi.fn();
  render(<NoticeBar notice={notice} onDismiss={onDismiss} onExportJson={onExportJson} />);
  return { onDismiss, onExportJson };
}

const LINK = 'http://localhost:3000/#s=1.N4IgzgpgTgxg9gWwIZQ';

describe('NoticeBar', () => {
  afterEach(() => vi.useRealTimers());

  it('shows nothing, and no alert, without a notice', () => {
    show(null);
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an alert says what happened; Dismiss and Escape dismiss it', async () => {
    const user = userEvent.setup();
    const { onDismiss } = show({ kind: 'alert', title: 'This link could not be opened', message: 'It was made by a newer version.' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This link could not be opened. It was made by a newer version.');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    await user.keyboard('{Escape}');
    expect(onDismiss).toHaveBeenCalledTimes(2);
  });

  it('a link that could not be copied is shown selected, ready to copy by hand', () => {
    show({ kind: 'share', link: LINK, copied: false });
    expect(screen.getByRole('status').textContent).toContain('Copy this link — the browser did not allow copying');
    const field = screen.getByRole<HTMLInputElement>('textbox', { name: 'Share link' });
    expect(field.value).toBe(LINK);
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, LINK.length]);
  });

  it('a copied link says so, with its length, and leaves the focus where it was', () => {
    show({ kind: 'share', link: LINK, copied: true, lastValidTools: true });
    const status = screen.getByRole('status');
    expect(status.textContent).toContain(`Link copied — anyone who opens it gets this scenario, conversation included (${LINK.length} characters).`);
    expect(status.textContent).toContain('The tools JSON has errors, so the link carries the last valid tools.');
    expect(document.activeElement).toBe(document.body);
  });

  it('a plain status fades on its own after six seconds', () => {
    vi.useFakeTimers();
    const { onDismiss } = show({ kind: 'status', message: 'Saved to the Library.' });
    expect(screen.getByRole('status').textContent).toContain('Saved to the Library.');
    act(() => vi.advanceTimersByTime(5_999));
    expect(onDismiss).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('a scenario too large for a link offers the .json export instead', async () => {
    const user = userEvent.setup();
    const { onDismiss, onExportJson } = show({ kind: 'too-large', what: 'link', chars: 123_456, max: 100_000 });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This scenario is too large for a link. Its link would be 123,456 characters; links hold at most 100,000.');
    await user.click(within(alert).getByRole('button', { name: 'Export .json' }));
    expect(onExportJson).toHaveBeenCalledTimes(1);
    expect(onDismiss).not.toHaveBeenCalled();
  });

  it('a scenario that would unpack to too much for a link says so', () => {
    show({ kind: 'too-large', what: 'unpacked', chars: 300_000, max: 256_000 });
    expect(screen.getByRole('alert').textContent).toContain(
      'This scenario is too large for a link. Its link would unpack to 300,000 characters; a link may unpack to at most 256,000.',
    );
  });
});

describe('NoticeBar: notices of success go by themselves, problems stay', () => {
  afterEach(() => vi.useRealTimers());

  it('a copied link goes by itself; one still to copy by hand stays', () => {
    vi.useFakeTimers();
    const copied = show({ kind: 'share', link: LINK, copied: true });
    act(() => vi.advanceTimersByTime(60_000));
    expect(copied.onDismiss).toHaveBeenCalledTimes(1);
    cleanup();
    const toCopy = show({ kind: 'share', link: LINK, copied: false });
    act(() => vi.advanceTimersByTime(60_000));
    expect(toCopy.onDismiss).not.toHaveBeenCalled();
  });

  it('an alert stays until dismissed', () => {
    vi.useFakeTimers();
    const { onDismiss } = show({ kind: 'alert', title: 'Not saved', message: 'Storage is full.' });
    act(() => vi.advanceTimersByTime(60_000));
    expect(onDismiss).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Storage is full.');
  });

  it('a status stays while the pointer is on it or the focus is in it, and goes once they leave', () => {
    vi.useFakeTimers();
    const { onDismiss } = show({ kind: 'status', message: 'Saved to the Library.' });
    const region = screen.getByRole('status');
    fireEvent.pointerEnter(region);
    act(() => vi.advanceTimersByTime(60_000));
    expect(onDismiss).not.toHaveBeenCalled();
    const button = within(region).getByRole('button', { name: 'Dismiss' });
    act(() => button.focus());
    fireEvent.pointerLeave(region);
    act(() => vi.advanceTimersByTime(60_000));
    expect(onDismiss).not.toHaveBeenCalled();
    act(() => button.blur());
    act(() => vi.advanceTimersByTime(60_000));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });
});
