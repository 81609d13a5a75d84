/**
 * The finding "One request freezes the server: ReDoS" (Security, round two), in the page: a share link
 * whose tool has the pattern ^(.+)+Z$ and a tool call to check. With a backtracking engine, checking the
 * call's 40-character argument would hang the tab for far longer than any test runs (28 characters took
 * seconds; each one more doubles it). The page must stay usable within the default expect timeout.
 */
import { cloneScenario, DEFAULT_SCENARIO, type Scenario } from '../lib/scenario/base';
import { shareUrl } from '../lib/scenario/share-link';
import { conversation, expect, openPlayground, test } from './fixtures';

const HOSTILE_TOOL = {
  type: 'function' as const,
  function: {
    name: 'lookup_code',
    description: 'Look up an order code',
    parameters: {
      type: 'object',
      properties: {
        code: { type: 'string', minLength: 28, pattern: '^(.+)+Z$' },
        password: { type: 'string', pattern: '^(?=.*\\d).{8,}$' },
      },
      required: ['code'],
    },
  },
};

function hostileScenario(): Scenario {
  return {
    ...cloneScenario(DEFAULT_SCENARIO),
    name: 'A hostile pattern',
    tools: [HOSTILE_TOOL],
    mocks: {},
    draft: '',
    messages: [
      { role: 'user', content: 'Look up the order code, please' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_redos_1', type: 'function', function: { name: 'lookup_code', arguments: JSON.stringify({ code: 'a'.repeat(40) }) } }],
      },
      { role: 'tool', tool_call_id: 'call_redos_1', content: '{"found": false}' },
      { role: 'assistant', content: 'There is no such order code.' },
    ],
  };
}

test('ReDoS: a share link with pattern ^(.+)+Z$ and a call to check leaves the page usable', async ({ page, baseURL }) => {
  await openPlayground(page, shareUrl(baseURL!, hostileScenario()));
  const card = conversation(page).getByRole('group', { name: 'Tool call lookup_code' });
  await expect(card).toContainText('"code" must match pattern "^(.+)+Z$"');
  await expect(page.getByRole('list', { name: 'Tool problems' })).toContainText(
    'the pattern "^(?=.*\\d).{8,}$" at "properties.password" uses lookahead',
  );

  const message = page.getByRole('textbox', { name: 'Message' });
  await message.pressSequentially('Is that code valid?');
  await expect(message).toHaveValue('Is that code valid?');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});
