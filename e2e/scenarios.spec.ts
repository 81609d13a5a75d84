/** Scenarios: share by URL into a fresh browser, bad links, the library across reloads, templates, export. */
import { TEMPLATES } from '../lib/scenario/templates';
import { answeredCalls, conversation, expect, expectAccessible, openPlayground, QUESTION, resultEditors, test } from './fixtures';
import type { Page } from '@playwright/test';

async function finishWeatherLoop(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page)).toHaveCount(3);
  await resultEditors(page).nth(1).fill('{"temperature": 64, "unit": "fahrenheit"}');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(answeredCalls(page)).toHaveCount(3);
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText('64');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
}

test('Share: the finished weather loop opens in a fresh browser with the same conversation and tools', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  await finishWeatherLoop(page);
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#s=/);
  await expectAccessible(page, 'the share link shown');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const answerText = await conversation(page).getByRole('article', { name: 'Assistant' }).last().innerText();
  const answer = answerText.slice(answerText.indexOf('Here is what'));
  expect(answer).toContain('64');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors: string[] = [];
  other.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await other.goto(link);
  await expect(other.locator('.monaco-editor').first()).toBeAttached();
  const log = conversation(other);
  await expect(log.getByRole('article', { name: 'User' })).toContainText(QUESTION);
  await expect(answeredCalls(other)).toHaveCount(3);
  await expect(resultEditors(other).nth(1)).toHaveValue(/64/);
  await expect(log.getByRole('article', { name: 'Assistant' }).last()).toContainText(answer.trim());
  await expect(other.locator('.monaco-editor').first()).toContainText('get_current_weather');
  await expect(other.getByRole('textbox', { name: 'System' })).toHaveValue(/helpful assistant that can access external functions/);
  await expectAccessible(other, 'a shared link opened in a fresh browser');
  expect(errors).toEqual([]);
  await fresh.close();
});

for (const [what, hash] of [
  ['garbled', '#s=1.%E2%9C%93not-lz-at-all!!'],
  ['truncated', '#s=1.N4IgLglmA2CmIC4QEEB2BjA9gWwIYBcQAaEAB'],
  ['newer-version', '#s=9.N4IgLglmA2CmIC4QEEB2BjA9gWwIYBcQAaEAB'],
] as const) {
  test(`a ${what} share link shows an alert and leaves a working page`, async ({ page }) => {
    await openPlayground(page, `/${hash}`);
    await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toBeVisible();
    await expectAccessible(page, `the ${what} link's alert`);
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(QUESTION);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(resultEditors(page)).toHaveCount(3);
  });
}

test('Save, reload, and open the scenario from the library', async ({ page }) => {
  await openPlayground(page);
  const name = page.getByRole('textbox', { name: 'Scenario name' });
  await name.fill('Weather for the demo');
  await page.getByRole('textbox', { name: 'Message' }).fill('What is the weather in Oslo?');
  await page.getByRole('button', { name: 'Save' }).click();

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('What is the weather in Oslo?');
  await page.getByRole('button', { name: 'Templates' }).click();
  await expect(page.getByRole('dialog', { name: 'Templates' })).toBeVisible();
  await expectAccessible(page, 'the Templates dialog');
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: TEMPLATES[3].title }).click();
  await expect(name).not.toHaveValue('Weather for the demo');

  await page.getByRole('button', { name: 'Library' }).click();
  const library = page.getByRole('dialog', { name: 'Library' });
  const entry = library.getByRole('list', { name: 'Saved scenarios' }).getByRole('listitem').filter({ hasText: 'Weather for the demo' });
  await expect(entry).toBeVisible();
  await expectAccessible(page, 'the Library dialog with an entry');
  await entry.getByRole('button', { name: 'Open' }).click();
  const confirm = page.getByRole('alertdialog');
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: /^Open/ }).click();
  await expect(name).toHaveValue('Weather for the demo');
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('What is the weather in Oslo?');
});

for (const template of TEMPLATES) {
  test(`template "${template.title}" loads and runs with the simulator`, async ({ page }) => {
    await openPlayground(page);
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: template.title }).click();
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(template.scenario.draft);
    await expect(page.locator('.monaco-editor').first()).toContainText(template.scenario.tools[0].function.name);
    await page.getByRole('button', { name: 'Send' }).click();
    const cards = page.getByRole('button', { name: 'Approve' });
    await expect(cards.first()).toBeVisible();
    await expectAccessible(page, `the template "${template.title}": its calls awaiting results`);
    while ((await cards.count()) > 0) await cards.first().click();
    await expect(answeredCalls(page).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    const answer = conversation(page).getByRole('article', { name: 'Assistant' }).last();
    await expect(answer).not.toBeEmpty();
    if (template.id === 'send_email') await expect(page.getByRole('complementary', { name: 'About this template' })).toContainText(/confirm/i);
  });
}

test('Export shows the scenario as Python, TypeScript and curl', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export code' });
  for (const [tab, marker] of [['Python', 'import openai'], ['TypeScript', "from 'openai'"], ['curl', 'curl ']] as const) {
    await dialog.getByRole('tab', { name: tab }).click();
    const code = dialog.locator('pre');
    await expect(code).toContainText(marker);
    await expect(code).toContainText('get_current_weather');
    await expect(code).toContainText('api.aimlapi.com/v1');
    await expect(dialog.getByRole('button', { name: `Copy ${tab}` })).toBeVisible();
    await expectAccessible(page, `the Export dialog, ${tab}`);
  }
});
