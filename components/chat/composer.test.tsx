import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { Composer } from './composer';

type Props = Partial<Parameters<typeof Composer>[0]>;

function Harness(props: Props) {
  const [draft, setDraft] = useState(props.draft ?? 'What is the weather in Paris?');
  return (
    <Composer
      draft={draft}
      onDraft={setDraft}
      onSend={props.onSend ?? (() => {})}
      onStop={props.onStop ?? (() => {})}
      onContinue={props.onContinue ?? (() => {})}
      streaming={props.streaming ?? false}
      reason={props.reason ?? null}
      held={props.held ?? false}
    />
  );
}

const sendButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Send' });
const message = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });

describe('the composer', () => {
  it('Enter sends, Shift+Enter breaks the line', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    await user.click(message());
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(onSend).not.toHaveBeenCalled();
    expect(message().value).toBe('What is the weather in Paris?\n');
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  it('an empty message cannot be sent', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Harness draft="  " onSend={onSend} />);
    expect(sendButton().disabled).toBe(true);
    await user.type(message(), '{Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('a problem to fix disables Send and is named beside it, as the description of the Message box', () => {
    render(<Harness reason={{ text: 'Fix the tools first: JSON syntax, line 3, column 7', tone: 'error' }} />);
    expect(sendButton().disabled).toBe(true);
    expect(message().getAttribute('aria-describedby')).toBeTruthy();
    const described = document.getElementById(message().getAttribute('aria-describedby')!);
    expect(described?.textContent).toBe('Fix the tools first: JSON syntax, line 3, column 7');
  });

  it('a step to take first (answer the calls) also holds Send, and says which', () => {
    render(<Harness reason={{ text: 'Answer the tool calls first: approve or reject each of the 3 calls above.', tone: 'step' }} />);
    expect(sendButton().disabled).toBe(true);
    expect(screen.getByText('Answer the tool calls first: approve or reject each of the 3 calls above.')).toBeTruthy();
  });

  it('while the model replies: Stop instead of Send', async () => {
    const user = userEvent.setup();
    const onStop = vi.fn();
    render(<Harness streaming onStop={onStop} />);
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(screen.getByText('The model is replying…')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it('a held call offers Continue, disabled while the settings still refuse it', async () => {
    const user = userEvent.setup();
    const onContinue = vi.fn();
    const { rerender } = render(<Harness held onContinue={onContinue} reason={{ text: 'Fix the tools first: x', tone: 'error' }} />);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Continue' }).disabled).toBe(true);
    rerender(<Harness held onContinue={onContinue} />);
    expect(screen.getByText('The next model call is waiting: press Continue.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onContinue).toHaveBeenCalledTimes(1);
  });

  it('a long message from elsewhere shows folded and still sends whole; Clear gives an empty box', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Harness draft={'aب'.repeat(15_000)} onSend={onSend} />);
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Message, 30,000 characters, folded' })).toBeTruthy();
    await user.click(sendButton());
    expect(onSend).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Clear the message' }));
    expect(message().value).toBe('');
  });
});
