/**
 * Expected calls through the page, with the offline simulator: write an expectation beside the user
 * turn, run it and see it pass; change it so it fails and see why; the expectation after a reload, in a
 * share link, and back with Undo after its message was deleted. Screenshots go to test-results/screens/.
 */
import type { Locator, Page } from '@playwright/test';
import { conversation, expect, expectAccessible, openPlayground, resultEditors, test } from './fixtures';

const QUESTION = 'What is the weather in Boston?';
const articles = (page: Page, name: string) => conversation(page).getByRole('article', { name });
const action = (message: Locator, name: string) => message.getByRole('toolbar').first().getByRole('button', { name, exact: true });
const editor = (page: Page) => conversation(page).getByRole('form', { name: 'Expectations for this turn' });
const turnCheck = (page: Page) => conversation(page).getByRole('status', { name: 'Turn expectation check' });
const callCheck = (page: Page) => conversation(page).getByRole('group', { name: 'Tool call get_current_weather' }).getByRole('status', { name: 'Expectation check' });

/** Sends the question and approves the simulator's one call, up to its answer. */
async function ask(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(QUESTION);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page).and(page.locator(':not([readonly])'))).toHaveCount(1);
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(articles(page, 'Assistant').last()).toContainText('Here is what the tool');
}

/** Opens the question's expectation editor. */
async function openEditor(page: Page): Promise<Locator> {
  const question = articles(page, 'User').first();
  await question.hover();
  await action(question, 'Expectations').click();
  await expect(editor(page)).toBeVisible();
  return editor(page);
}

/** Sets the location's rule to one of `values` (a JSON list), the unit to any value that may be left out. */
async function expectLocation(form: Locator, values: string): Promise<void> {
  const call = form.getByRole('group', { name: 'Call 1: get_current_weather' });
  await call.getByRole('combobox', { name: 'Rule for location' }).selectOption('one_of');
  await call.getByRole('textbox', { name: 'Value for location' }).fill(values);
  const unit = call.getByRole('combobox', { name: 'Rule for unit' });
  if (await unit.count()) {
    await unit.selectOption('any');
    await call.getByRole('checkbox', { name: 'unit may be left out' }).check();
  }
}

/** The page with the turn's verdict in view (the conversation scrolls inside the page). */
async function shot(page: Page, name: string): Promise<void> {
  await turnCheck(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `test-results/screens/expectations-${name}.png` });
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
}

test('an expectation beside the turn: pass, fail with the reason, kept through a reload, a share link, and Delete with Undo', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await ask(page);

  // Opened on an answered turn, the editor starts from what it did.
  let form = await openEditor(page);
  await expect(form.getByRole('textbox', { name: 'Value for location' })).toHaveValue(/Boston/);
  await expect(form).toContainText('Parallel calls match in any order.');
  // A value that is not JSON is refused at its field, with everything typed kept.
  await form.getByRole('combobox', { name: 'Rule for location' }).selectOption('equals');
  await form.getByRole('textbox', { name: 'Value for location' }).fill('Boston, MA');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('this is not JSON');
  await expect(form.getByRole('textbox', { name: 'Value for location' })).toHaveValue('Boston, MA');
  await expectAccessible(page, 'the expectation editor with a problem');

  await expectLocation(form, '["Boston, MA", "Boston"]');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  const question = articles(page, 'User').first();
  await expect(question).toContainText('Expected: get_current_weather(location one of "Boston, MA", "Boston"');
  await expect(callCheck(page)).toContainText('Meets the expected call');
  await expect(turnCheck(page)).toHaveText('✓ Meets expectations');

  // Run the turn again: the new answer is judged as it comes.
  await question.hover();
  await action(question, 'Run from here').click();
  await expect(turnCheck(page)).toContainText('Pending: the final answer');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(turnCheck(page)).toHaveText('✓ Meets expectations');
  await shot(page, 'desktop-pass');

  // Changed so it fails: the card and the turn say why.
  form = await openEditor(page);
  await form.getByRole('textbox', { name: 'Value for location' }).fill('["Chicago, IL"]');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(callCheck(page)).toContainText('Does not meet the expected calls');
  await expect(callCheck(page)).toContainText('location');
  await expect(turnCheck(page)).toContainText('Does not meet expectations:');
  await expect(turnCheck(page)).toContainText('"Chicago, IL"');
  await expectAccessible(page, 'a turn that does not meet its expectations');
  await shot(page, 'desktop-fail');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'desktop-fail-dark');
  await expectAccessible(page, 'a failed verdict, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  form = await openEditor(page);
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/expectations-desktop-editor.png' });
  await form.getByRole('button', { name: 'Cancel' }).click();

  // After a reload: the expectation and its verdict.
  await reload(page);
  await expect(articles(page, 'User').first()).toContainText('Expected: get_current_weather(location one of "Chicago, IL"');
  await expect(turnCheck(page)).toContainText('Does not meet expectations:');

  // In a share link, opened in a fresh browser.
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.locator('.monaco-editor').first()).toBeAttached();
  await expect(articles(other, 'User').first()).toContainText('Expected: get_current_weather(location one of "Chicago, IL"');
  await expect(turnCheck(other)).toContainText('Does not meet expectations:');
  await expectAccessible(other, 'a shared link with an expectation');
  await fresh.close();
  await page.keyboard.press('Escape');

  // Delete the message: its expectation goes with it; Undo brings both back.
  const message = articles(page, 'User').first();
  await message.hover();
  await action(message, 'Delete message').click();
  await expect(articles(page, 'User')).toHaveCount(0);
  await expect(turnCheck(page)).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(articles(page, 'User').first()).toContainText('Expected: get_current_weather(location one of "Chicago, IL"');
  await expect(turnCheck(page)).toContainText('Does not meet expectations:');
});

test('on a phone: the editor fits and the verdicts read', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page);
  await ask(page);
  const form = await openEditor(page);
  await expectLocation(form, '["Boston, MA", "Boston"]');
  await form.getByRole('button', { name: 'The final answer mentions …' }).click();
  await form.getByRole('textbox', { name: 'The final answer mentions' }).fill('Boston');
  await page.screenshot({ path: 'test-results/screens/expectations-phone-editor.png' });
  await expectAccessible(page, 'the expectation editor on a phone');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(turnCheck(page)).toHaveText('✓ Meets expectations');
  await shot(page, 'phone-pass');
});
