import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChatError } from '@/lib/wire/chat-client';
import { CallFailure } from './call-failure';

function fail(error: ChatError, { disabled = false, partial = false } = {}) {
  const onRetry = vi.fn();
  render(<CallFailure error={error} onRetry={onRetry} disabled={disabled} partial={partial} />);
  return { onRetry };
}

describe('CallFailure', () => {
  it("an upstream error is an alert with its status and the provider's own message; Retry retries", async () => {
    const user = userEvent.setup();
    const { onRetry } = fail({ status: 403, kind: 'http', message: "You've run out of credits", code: 'insufficient_quota' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The model call failed');
    expect(alert.textContent).toContain("403 — You've run out of credits");
    expect(alert.textContent).toContain('Your conversation is kept.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('says what to do when the server cannot be reached, and Retry waits while it is disabled', async () => {
    const user = userEvent.setup();
    const { onRetry } = fail({ status: null, kind: 'network', message: 'fetch failed' }, { disabled: true });
    expect(screen.getByRole('alert').textContent).toContain('The server could not be reached');
    expect(screen.getByRole('alert').textContent).toContain('Check that the playground server is running.');
    const retry = screen.getByRole<HTMLButtonElement>('button', { name: 'Retry' });
    expect(retry.disabled).toBe(true);
    await user.click(retry);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('a stop is no alert: a quiet status that keeps the partial reply', () => {
    fail({ status: null, kind: 'aborted', message: 'Stopped: the reply was cancelled.' }, { partial: true });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Stopped. The partial reply is kept; Retry asks again.');
  });

  it('a call the page left while it ran (a reload) comes back as interrupted, with Retry', () => {
    fail({ status: null, kind: 'interrupted', message: 'This call was interrupted: the page was reloaded or closed while the model was answering. Retry to call the model again.' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The model call was interrupted');
    expect(alert.textContent).toContain('Your conversation is kept.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
