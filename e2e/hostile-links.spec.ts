/**
 * Hostile share links (issue "Security, round two", findings 8 and 10): a link made to freeze the tab or
 * to open Monaco's own dialog. Each link is built with `shareUrl`, as the page builds its own. The page
 * must stay usable: the Message box takes typing, and Send and Approve answer, each within the time any
 * expectation waits (playwright.config.ts `expect.timeout`).
 *
 * The text is the costliest to lay out that Chromium was found to have here: Latin and Arabic letters
 * alternating ("aب…"), a bidirectional run per character. Laid out as one paragraph (a textarea, a
 * `pre-wrap` block) it costs about n²: 64,000 characters take 2 s, 240,000 about 30 s per layout.
 */
import type { Page } from '@playwright/test';
import { DEFAULT_SCENARIO, WEATHER_TOOL, type Scenario } from '../lib/scenario/base';
import { decodeShareHash, shareUrl } from '../lib/scenario/share-link';
import type { ChatMessage } from '../lib/wire/chat';
import { answeredCalls, conversation, expect, expectAccessible, resultEditors, test } from './fixtures';

/** playwright.config.ts `expect.timeout`: every step of the page must answer within it. */
const RESPOND_MS = 15_000;

/** `n` characters of alternating Latin and Arabic letters. */
const bidi = (n: number) => 'aب'.repeat(Math.ceil(n / 2)).slice(0, n);
/** Just under what a link may unpack to (lib/scenario/share-link.ts), so the page has to show it. */
const LONG = bidi(240_000);

const call = (id: string, args: string) => ({ id, type: 'function' as const, function: { name: 'get_current_weather', arguments: args } });
const asked: ChatMessage = { role: 'user', content: 'What is the weather in Oslo?' };
const answered = (content: string): ChatMessage[] => [
  asked,
  { role: 'assistant', content: null, tool_calls: [call('call_oslo', '{"location": "Oslo"}')] },
  { role: 'tool', tool_call_id: 'call_oslo', content },
  { role: 'assistant', content: 'It is 22 °C and sunny in Oslo.' },
];

function scenario(change: Partial<Scenario>): Scenario {
  return { ...structuredClone(DEFAULT_SCENARIO), name: 'A hostile link', ...change };
}

/** For a person to look at: test-results/screens/hostile-<name>.png. */
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/hostile-${name}.png` });
const slug = (text: string) => text.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);

async function openLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
}

/** Approves every call waiting for a result, one at a time, each within RESPOND_MS. */
async function approveAll(page: Page): Promise<void> {
  const approve = page.getByRole('button', { name: 'Approve' });
  for (let count = await approve.count(); count > 0; count = await approve.count()) {
    await approve.first().click({ timeout: RESPOND_MS });
    await expect(approve).toHaveCount(count - 1);
  }
}

/** Types a question, sends it, approves the simulator's call, and reads its answer. */
async function expectUsable(page: Page): Promise<void> {
  const message = page.getByRole('textbox', { name: 'Message' });
  const question = 'What is the weather in Bergen?';
  await message.fill(question, { timeout: RESPOND_MS });
  await expect(message).toHaveValue(question);
  await page.getByRole('button', { name: 'Send' }).click({ timeout: RESPOND_MS });
  await expect(conversation(page).getByRole('article', { name: 'User' }).last()).toContainText(question);
  await expect(resultEditors(page).last()).toBeVisible();
  await approveAll(page);
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText('Bergen');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
}

test.describe('A share link can freeze the visitor\'s tab', () => {
  test('a 2.2 KB link whose system prompt inflates to 900 KB is refused, saying how much a link may hold', async ({ page }) => {
    const link = shareUrl('', scenario({ system: 'a'.repeat(900_000) }));
    expect(link.length).toBeLessThan(2_300);
    await openLink(page, link);
    const alert = page.getByRole('alert').filter({ hasText: 'could not be opened' });
    await expect(alert).toContainText(/unpacks to 900,\d{3} characters; a link may hold at most 256,000/);
    await expectAccessible(page, 'the alert for a link that unpacks too far');
    await shot(page, 'refused-900k');
    await expect(page.getByRole('textbox', { name: 'System' })).toHaveValue(DEFAULT_SCENARIO.system);
    await expectUsable(page);
  });

  const cases: Array<[string, Partial<Scenario>]> = [
    ['a system prompt of 240,000 characters', { system: LONG }],
    ['a user message of 240,000 characters', { messages: [{ role: 'user', content: LONG }, { role: 'assistant', content: 'Noted.' }] }],
    ['an assistant reply of 240,000 characters', { messages: [asked, { role: 'assistant', content: LONG }] }],
    ['a tool result of 240,000 characters', { messages: answered(LONG) }],
    ['240 messages of 900 characters', { messages: Array.from({ length: 240 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: bidi(900) }) as ChatMessage) }],
    ['a Tools JSON of 240,000 characters (24 tools with 10,000-character descriptions)', {
      tools: [WEATHER_TOOL, ...Array.from({ length: 23 }, (_, i) => ({ type: 'function' as const, function: { name: `tool_${i}`, description: bidi(10_000) } }))],
    }],
  ];
  for (const [what, change] of cases) {
    test(`a link with ${what} leaves the page usable`, async ({ page }) => {
      await openLink(page, shareUrl('', scenario(change)));
      await expect(page.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
      await shot(page, slug(what));
      await expectUsable(page);
      await shot(page, `${slug(what)}-after`);
    });
  }

  test('a link with tool-call arguments of 240,000 characters: Approve answers, then the page is usable', async ({ page }) => {
    await openLink(page, shareUrl('', scenario({ messages: [asked, { role: 'assistant', content: null, tool_calls: [call('call_long', JSON.stringify({ location: LONG }))] }] })));
    await expect(page.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
    await shot(page, 'tool-call-arguments');
    await approveAll(page);
    await expect(answeredCalls(page)).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    await expectUsable(page);
  });

  test('a link with a typed result of 240,000 characters: Approve sends it whole, then the page is usable', async ({ page }) => {
    await openLink(page, shareUrl('', scenario({ messages: [asked, { role: 'assistant', content: null, tool_calls: [call('call_long', '{"location": "Oslo"}')] }], results: { call_long: LONG } })));
    await expect(page.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
    await shot(page, 'typed-result');
    await approveAll(page);
    await expect(answeredCalls(page)).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    await expectUsable(page);
  });

  test('a link with an unsent message of 240,000 characters: Send answers, then the page is usable', async ({ page }) => {
    await openLink(page, shareUrl('', scenario({ draft: LONG })));
    await expect(page.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
    await shot(page, 'unsent-message');
    await page.getByRole('button', { name: 'Send' }).click({ timeout: RESPOND_MS });
    await expect(conversation(page).getByRole('article', { name: 'User' })).toHaveCount(1);
    await expect(conversation(page).getByRole('article', { name: 'Assistant' })).toHaveCount(1);
    await expect(conversation(page)).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    await expectUsable(page);
  });

  test('a link with 2,000 messages (the most a scenario holds) takes typing and says why Send waits', async ({ page }) => {
    const messages = Array.from({ length: 2_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: bidi(80) }) as ChatMessage);
    await openLink(page, shareUrl('', scenario({ messages })));
    await expect(page.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('One more question', { timeout: RESPOND_MS });
    await expect(message).toHaveValue('One more question');
    await expect(page.getByText(/The next call would carry 2,?002 messages/)).toBeVisible();
    await page.getByRole('button', { name: 'New chat' }).click({ timeout: RESPOND_MS });
    const confirm = page.getByRole('alertdialog');
    await confirm.getByRole('button', { name: 'Start a new chat' }).click({ timeout: RESPOND_MS });
    await expect(conversation(page).getByRole('article')).toHaveCount(0);
    await expectUsable(page);
  });
});

test('U+2028 in a link opens Monaco\'s native "unusual line terminators" dialog: no dialog, the text kept as data', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const description = 'Get the current weather\u2028in a given location\u2029(one line)';
  const tools = [{ ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, description } }];
  await openLink(page, shareUrl('', scenario({ tools })));
  await expect(page.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toContainText('in a given location');
  await expect(page.getByRole('status').filter({ hasText: 'Valid: get_current_weather' })).toBeVisible();
  await shot(page, 'u2028');
  // Typing in the editor is another moment Monaco looks for unusual line terminators.
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' ');
  await expect(page.getByRole('status').filter({ hasText: 'Valid: get_current_weather' })).toBeVisible();
  expect(dialogs).toEqual([]);

  await page.getByRole('button', { name: 'Share' }).click();
  const shared = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const decoded = decodeShareHash(new URL(shared).hash);
  expect(decoded.kind === 'ok' && decoded.scenario.tools[0].function.description).toBe(description);
  expect(dialogs).toEqual([]);
});
