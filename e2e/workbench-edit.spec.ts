/**
 * The conversation as a workbench, through the page: edit a message and run from it, Regenerate and
 * page between the answers, Fork, delete a call with its result, Undo of each, each tool result shown
 * once — and all of it after a reload. Screenshots of the new states go to test-results/screens/.
 */
import type { Locator, Page } from '@playwright/test';
import { chooseModel, conversation, expect, expectAccessible, openPlayground, QUESTION, resultEditors, test, COLOR_SCHEMES, SCREEN_SIZES } from './fixtures';

const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const articles = (page: Page, name: string) => conversation(page).getByRole('article', { name });
const undoButton = (page: Page) => page.getByRole('status').getByRole('button', { name: 'Undo' });
const answers = (page: Page) => conversation(page).getByRole('group', { name: /^Answer \d+ of \d+$/ });
const card = (page: Page, city: string) => conversation(page).getByRole('group', { name: 'Tool call get_current_weather' }).filter({ hasText: city });

async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
}

/** Everything the conversation shows, the texts of its boxes included: the same after an Undo as before the change. */
async function shown(page: Page): Promise<string> {
  const log = conversation(page);
  const boxes = await log.locator('textarea').evaluateAll((all) => all.map((box) => (box as HTMLTextAreaElement).value));
  return `${await log.innerText()}\n${boxes.join('\n')}`;
}

/** Sends `text` and approves every call the simulator makes, up to its answer. */
async function ask(page: Page, text: string, calls: number): Promise<void> {
  await messageBox(page).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page).and(page.locator(':not([readonly])'))).toHaveCount(calls);
  for (let i = 0; i < calls; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(articles(page, 'Assistant').last()).toContainText('Here is what the tool');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
}

/**
 * A message's toolbar button. It shows on hover or focus; until the message is first pointed at or
 * focused, only the first button ("Edit message") is there (message-actions.tsx), so tests hover first.
 */
const action = (message: Locator, name: string) => message.getByRole('toolbar').first().getByRole('button', { name, exact: true });

test('edit a user message and run from it: the new answer reflects the edit; Undo puts the first back; both survive a reload', async ({ page }) => {
  await openPlayground(page);
  await ask(page, 'What is the weather in Paris?', 1);
  await expect(articles(page, 'Assistant').last()).toContainText('Paris');
  const before = await shown(page);

  const question = articles(page, 'User').first();
  await question.hover();
  await action(question, 'Edit message').click();
  const box = question.getByRole('textbox', { name: 'Message text' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('What is the weather in Paris?');
  await expectAccessible(page, 'a user message being edited');
  // Escape cancels and changes nothing.
  await box.fill('What is the weather in Lima?');
  await page.keyboard.press('Escape');
  await expect(box).toHaveCount(0);
  expect(await shown(page)).toBe(before);

  await action(question, 'Edit message').click();
  await box.fill('What is the weather in Tokyo?');
  await question.getByRole('button', { name: 'Save and run' }).click();
  await expect(question).toContainText('What is the weather in Tokyo?');
  await expect(card(page, 'Tokyo')).toBeVisible();
  await expect(card(page, 'Paris')).toHaveCount(0);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(articles(page, 'Assistant').last()).toContainText('Tokyo');
  await expect(conversation(page)).not.toContainText('Paris');

  await reload(page);
  await expect(articles(page, 'User').first()).toContainText('What is the weather in Tokyo?');
  await expect(articles(page, 'Assistant').last()).toContainText('Tokyo');

  // Edit without running, then Undo: exactly as it was.
  const edited = await shown(page);
  const answer = articles(page, 'Assistant').last();
  await answer.hover();
  await action(answer, 'Edit message').click();
  await answer.getByRole('textbox', { name: 'Message text' }).fill('Tokyo is sunny.');
  await answer.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(answer).toContainText('Tokyo is sunny.');
  await expect(page.getByRole('status').filter({ hasText: 'Edited the answer' })).toBeVisible();
  await undoButton(page).click();
  await expect.poll(() => shown(page)).toBe(edited);
});

test('Regenerate sends the same request again and keeps both answers; ‹ › pages between them, after a reload too', async ({ page, upstream }) => {
  await upstream.script([
    { kind: 'text', content: 'The first answer: Paris is sunny.' },
    { kind: 'text', content: 'The second answer: Paris is rainy.' },
    { kind: 'text', content: 'A third that Undo takes back.' },
  ]);
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await messageBox(page).fill('How is Paris?');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = articles(page, 'Assistant').last();
  await expect(answer).toContainText('The first answer');

  await answer.hover();
  await action(answer, 'Regenerate').click();
  await expect(articles(page, 'Assistant').last()).toContainText('The second answer');
  await expect(articles(page, 'Assistant')).toHaveCount(1);
  await expect(answers(page)).toHaveAccessibleName('Answer 2 of 2');
  const [first, second] = (await upstream.requests()).filter((r) => r.path.startsWith('/v1/chat/completions'));
  expect(second.body.messages).toEqual(first.body.messages);
  await expectAccessible(page, 'two answers kept, the second shown');

  await page.getByRole('button', { name: 'Previous answer' }).click();
  await expect(answers(page)).toHaveAccessibleName('Answer 1 of 2');
  await expect(articles(page, 'Assistant').last()).toContainText('The first answer');
  await page.getByRole('button', { name: 'Next answer' }).click();
  await expect(articles(page, 'Assistant').last()).toContainText('The second answer');

  await reload(page);
  await expect(answers(page)).toHaveAccessibleName('Answer 2 of 2');
  await expect(articles(page, 'Assistant').last()).toContainText('The second answer');
  await page.getByRole('button', { name: 'Previous answer' }).click();
  await expect(articles(page, 'Assistant').last()).toContainText('The first answer');

  // Regenerate again, then Undo: the third answer goes, the two kept ones stay as they were.
  const before = await shown(page);
  const again = articles(page, 'Assistant').last();
  await again.hover();
  await action(again, 'Regenerate').click();
  await expect(articles(page, 'Assistant').last()).toContainText('A third that Undo takes back.');
  await expect(answers(page)).toHaveAccessibleName('Answer 3 of 3');
  await undoButton(page).click();
  await expect.poll(() => shown(page)).toBe(before);
  await expect(answers(page)).toHaveAccessibleName('Answer 1 of 2');
});

test('each result shows once: in its call\'s card, not again as a Tool row', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(articles(page, 'Assistant').last()).toContainText('Here is what the tools returned');
  await expect(articles(page, 'Tool')).toHaveCount(0);
  await expect(conversation(page).getByText('Result sent')).toHaveCount(3);
  // Each result is in its card's box, and nowhere else in the log (the weather mock answers each city by its rule).
  const boxes = await conversation(page).locator('textarea').evaluateAll((all) => all.map((box) => (box as HTMLTextAreaElement).value));
  expect(boxes).toHaveLength(3);
  expect(new Set(boxes).size).toBe(3);
  const log = await conversation(page).innerText();
  for (const result of boxes) expect(log).not.toContain(result);
});

test('delete a call with its result, then run from its message: the request carries the rest; Undo restores each', async ({ page, upstream }) => {
  await upstream.script([
    {
      kind: 'toolCalls',
      calls: ['New York, NY', 'San Francisco, CA', 'Chicago, IL'].map((location) => ({ name: 'get_current_weather', arguments: { location } })),
    },
    { kind: 'text', content: 'New York and San Francisco are 22 °C; Chicago too.' },
    { kind: 'text', content: 'New York and San Francisco are 22 °C.' },
  ]);
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(articles(page, 'Assistant').last()).toContainText('Chicago too');
  const before = await shown(page);

  const chicago = card(page, 'Chicago');
  await chicago.hover();
  await chicago.getByRole('button', { name: 'Delete call' }).click();
  await expect(card(page, 'Chicago')).toHaveCount(0);
  await expect(undoButton(page)).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the call to get_current_weather and its result' })).toBeVisible();
  await undoButton(page).click();
  await expect.poll(() => shown(page)).toBe(before);

  await card(page, 'Chicago').hover();
  await card(page, 'Chicago').getByRole('button', { name: 'Delete call' }).click();
  await expect(card(page, 'Chicago')).toHaveCount(0);
  const calls = articles(page, 'Assistant').first();
  await calls.hover();
  await action(calls, 'Run from here').click();
  await expect(articles(page, 'Assistant').last()).toHaveText(/New York and San Francisco are 22 °C\.$/);
  const last = (await upstream.requests()).filter((r) => r.path.startsWith('/v1/chat/completions')).at(-1)!;
  const roles = last.body.messages.map((m: { role: string }) => m.role);
  expect(roles).toEqual(['system', 'user', 'assistant', 'tool', 'tool']);
  expect(last.body.messages[2].tool_calls).toHaveLength(2);

  await reload(page);
  await expect(card(page, 'Chicago')).toHaveCount(0);
  await expect(conversation(page).getByRole('group', { name: 'Tool call get_current_weather' })).toHaveCount(2);
  await expect(articles(page, 'Assistant').last()).toHaveText(/New York and San Francisco are 22 °C\.$/);

  // Delete the whole answer; Undo brings it back exactly.
  const kept = await shown(page);
  const first = articles(page, 'Assistant').first();
  await first.hover();
  await action(first, 'Delete message').click();
  await expect(articles(page, 'Assistant')).toHaveCount(1);
  await expect(conversation(page).getByRole('group', { name: 'Tool call get_current_weather' })).toHaveCount(0);
  await undoButton(page).click();
  await expect.poll(() => shown(page)).toBe(kept);
});

test('Fork from here opens the conversation up to that message as a new scenario; the original is saved, and Undo brings it back', async ({ page }) => {
  await openPlayground(page);
  await ask(page, 'What is the weather in Paris?', 1);
  await ask(page, 'What is the weather in Rome?', 1);
  const original = await shown(page);

  const firstAnswer = articles(page, 'Assistant').nth(1);
  await firstAnswer.hover();
  await action(firstAnswer, 'Fork from here').click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Weather in three cities (fork)');
  await expect(articles(page, 'User')).toHaveCount(1);
  await expect(articles(page, 'Assistant')).toHaveCount(2);
  await expect(conversation(page)).not.toContainText('Rome');
  await expect(page.getByRole('status').filter({ hasText: /Saved “Weather in three cities” to the Library/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Forked “Weather in three cities” into “Weather in three cities (fork)”' })).toBeVisible();
  await expectAccessible(page, 'a fork just opened');

  // The fork is work of its own, kept across a reload; the original is in the Library, whole.
  await reload(page);
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Weather in three cities (fork)');
  await expect(articles(page, 'User')).toHaveCount(1);
  await page.getByRole('button', { name: 'Library' }).click();
  const entry = page.getByRole('dialog', { name: 'Library' }).getByRole('listitem').filter({ hasText: 'Weather in three cities' }).filter({ hasText: /\b8 messages/ });
  await expect(entry).toHaveCount(1);
  await page.keyboard.press('Escape');

  // Undo is offered right after the fork (not after a reload: the history is the page's).
  await page.getByRole('button', { name: 'Library' }).click();
  await entry.getByRole('button', { name: 'Open' }).click();
  const question = page.getByRole('alertdialog');
  await question.getByRole('button', { name: 'Open it' }).click();
  await expect.poll(() => shown(page)).toBe(original);
  const again = articles(page, 'User').nth(1);
  await again.hover();
  await action(again, 'Fork from here').click();
  await expect(articles(page, 'User')).toHaveCount(2);
  await expect(articles(page, 'Assistant')).toHaveCount(2);
  await undoButton(page).click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Weather in three cities');
  await expect.poll(() => shown(page)).toBe(original);
});

test('Run from here on an earlier message, then Undo: the tail comes back exactly', async ({ page }) => {
  await openPlayground(page);
  await ask(page, 'What is the weather in Paris?', 1);
  await ask(page, 'What is the weather in Rome?', 1);
  const before = await shown(page);
  const first = articles(page, 'User').first();
  await first.hover();
  await action(first, 'Run from here').click();
  await expect(articles(page, 'User')).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: /Ran the model from your message \(\d+ later messages removed\)/ })).toBeVisible();
  await expect(resultEditors(page)).toHaveCount(1);
  await undoButton(page).click();
  await expect.poll(() => shown(page)).toBe(before);
  await reload(page);
  await expect.poll(() => shown(page)).toBe(before);
});

test('the toolbar by keyboard: focus brings it out, arrows, Home and End move between its buttons, Escape from an edit goes back to Edit', async ({ page }) => {
  await openPlayground(page);
  await ask(page, QUESTION, 3);
  const question = articles(page, 'User').first();
  const edit = action(question, 'Edit message');
  await edit.focus();
  await expect(question.getByRole('toolbar')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(action(question, 'Run from here')).toBeFocused();
  await page.keyboard.press('End');
  await expect(action(question, 'Delete message')).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(question.getByRole('textbox', { name: 'Message text' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(edit).toBeFocused();
});

for (const size of SCREEN_SIZES) {
  // A phone has no hover: its toolbars show all the time (touch emulation makes `(hover: none)` match).
  test.describe(`${size.name}`, () => {
    test.use({ hasTouch: size.name === 'phone' });
    for (const scheme of COLOR_SCHEMES) {
      test(`workbench screenshots at ${size.width}×${size.height}, ${scheme}`, async ({ page, upstream }) => {
        await upstream.script([
          { kind: 'toolCalls', calls: [{ name: 'get_current_weather', arguments: { location: 'Paris, FR', unit: 'celsius' } }] },
          { kind: 'text', content: 'It is 22 °C and sunny in Paris.' },
          { kind: 'text', content: 'Paris: 22 °C, sunny — a good day for a walk.' },
        ]);
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width: size.width, height: size.height });
        await openPlayground(page);
        await chooseModelAnywhere(page, 'gpt-4o');
        const chat = page.getByRole('tab', { name: 'Chat' });
        if (await chat.isVisible()) await chat.click();
        await messageBox(page).fill('What is the weather in Paris?');
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByRole('button', { name: 'Approve' }).click();
        const answer = articles(page, 'Assistant').last();
        await expect(answer).toContainText('It is 22 °C');
        const shot = (step: string) => page.screenshot({ path: `test-results/screens/workbench-${size.name}-${scheme}-${step}.png` });

        // The toolbar as the pointer (or focus) brings it out.
        await answer.hover();
        await action(answer, 'Regenerate').focus();
        await shot('toolbar');
        await expectAccessible(page, `${size.name}, ${scheme}: a message's toolbar`);

        await action(answer, 'Regenerate').click();
        await expect(articles(page, 'Assistant').last()).toContainText('a good day for a walk');
        await expect(answers(page)).toHaveAccessibleName('Answer 2 of 2');
        await page.mouse.move(0, 0);
        await shot('answers');
        await expectAccessible(page, `${size.name}, ${scheme}: two answers, ‹ 2 / 2 ›`);

        const question = articles(page, 'User').first();
        await action(question, 'Edit message').click();
        await shot('editing');
        await expectAccessible(page, `${size.name}, ${scheme}: a message being edited`);
        await page.keyboard.press('Escape');

        const paris = card(page, 'Paris');
        await paris.hover();
        await paris.getByRole('button', { name: 'Edit arguments' }).click();
        await expect(paris.getByRole('textbox', { name: 'Arguments for get_current_weather' })).toBeFocused();
        await shot('editing-arguments');
        await page.keyboard.press('Escape');

        await paris.getByRole('button', { name: 'Delete call' }).click();
        await expect(undoButton(page)).toBeFocused();
        await shot('undo');
        await expectAccessible(page, `${size.name}, ${scheme}: the Undo notice`);
        expect(await page.evaluate(() => matchMedia('(hover: none)').matches)).toBe(size.name === 'phone');
      });
    }
  });
}

/** The Model picker is in the Settings tab on a phone. */
async function chooseModelAnywhere(page: Page, id: string): Promise<void> {
  const settings = page.getByRole('tab', { name: 'Settings' });
  if (await settings.isVisible()) await settings.click();
  await chooseModel(page, id);
}
