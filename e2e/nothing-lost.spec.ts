/**
 * What a person must not lose: a reload in the middle of the loop, a saved conversation when they start
 * a new chat, their work when two tabs are open, a save another tab made, a result they typed.
 * Reloads do not wait for any debounce: the page keeps work when it goes away (pagehide) as well as
 * within a second of each edit.
 */
import type { Page } from '@playwright/test';
import { WORK_KEY } from '../lib/scenario/work';
import { answeredCalls, chooseModel, conversation, expect, expectAccessible, failureAlert, openPlayground, resultEditors, test } from './fixtures';

const CITIES = ['New York, NY', 'San Francisco, CA', 'Chicago, IL'];
const TYPED_RESULT = '{"temperature": 5, "unit": "celsius"}';

const nameBox = (page: Page) => page.getByRole('textbox', { name: 'Scenario name' });
const systemBox = (page: Page) => page.getByRole('textbox', { name: 'System' });
const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const libraryDialog = (page: Page) => page.getByRole('dialog', { name: 'Library' });
const libraryEntries = (page: Page) => libraryDialog(page).getByRole('list', { name: 'Saved scenarios' }).getByRole('listitem');

async function reload(page: Page): Promise<void> {
  await page.reload();
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
}

/** The simulator's weather loop, every call approved, up to its final answer. */
async function finishWeatherLoop(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  const log = conversation(page);
  await expect(answeredCalls(page)).toHaveCount(3);
  await expect(log.getByRole('article', { name: 'Assistant' }).last()).toContainText('Here is what the tools returned');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
}

/** Save, and wait until the page says it did. */
async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: /saved/i })).toBeVisible();
}

async function openLibrary(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Library' }).click();
  await expect(libraryDialog(page)).toBeVisible();
}

test('a reload during the second model call keeps the results and shows the call as interrupted, with Retry', async ({ page, upstream }) => {
  await upstream.script([
    { kind: 'toolCalls', calls: CITIES.map((location) => ({ name: 'get_current_weather', arguments: { location, unit: 'celsius' } })) },
    { kind: 'hang' },
  ]);
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect.poll(async () => (await upstream.requests()).filter((r) => r.path.startsWith('/v1/chat/completions')).length).toBe(2);

  await reload(page);
  const log = conversation(page);
  await expect(answeredCalls(page)).toHaveCount(3);
  const alert = failureAlert(page);
  await expect(alert).toContainText(/interrupted/i);
  await expectAccessible(page, 'an interrupted call after a reload');

  const answer = 'New York 21 °C, San Francisco 17 °C, Chicago 12 °C.';
  await upstream.script([{ kind: 'text', content: answer }]);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(log.getByRole('article', { name: 'Assistant' }).last()).toContainText(answer);
  await expect(failureAlert(page)).toHaveCount(0);
  const retried = (await upstream.requests()).at(-1)!;
  expect(retried.body.messages.filter((m: { role: string }) => m.role === 'tool')).toHaveLength(3);

  await messageBox(page).fill('Thanks! And tomorrow?');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('New chat after Save, then Save again: the first entry keeps its conversation, the second is a new entry', async ({ page }) => {
  await openPlayground(page);
  await finishWeatherLoop(page);
  await nameBox(page).fill('Trip weather');
  await save(page);

  // The work is saved: nothing to ask.
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(conversation(page).getByRole('article')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save' }).click();

  await openLibrary(page);
  // user, assistant with three calls, three results, the answer
  await expect(libraryEntries(page).filter({ hasText: 'Trip weather' }).filter({ hasText: /\b6 messages/ })).toHaveCount(1);
  await expect(libraryEntries(page)).toHaveCount(2);
  await expect(libraryEntries(page).filter({ hasText: /\b0 messages/ })).toHaveCount(1);
});

test('New chat over an unsaved conversation asks first: keep it, or start a new chat', async ({ page }) => {
  await openPlayground(page);
  await finishWeatherLoop(page);
  const log = conversation(page);

  await page.getByRole('button', { name: 'New chat' }).click();
  const question = page.getByRole('alertdialog', { name: 'Start a new chat?' });
  await expect(question).toBeVisible();
  for (const name of ['Keep my work', 'Save mine to the Library first', 'Start a new chat']) {
    await expect(question.getByRole('button', { name })).toBeVisible();
  }
  await expectAccessible(page, 'the "Start a new chat?" question');
  await question.getByRole('button', { name: 'Keep my work' }).click();
  await expect(question).toHaveCount(0);
  await expect(answeredCalls(page)).toHaveCount(3);

  await page.getByRole('button', { name: 'New chat' }).click();
  await question.getByRole('button', { name: 'Start a new chat' }).click();
  await expect(question).toHaveCount(0);
  await expect(log.getByRole('article')).toHaveCount(0);
});

test('two tabs keep their own work across reloads', async ({ page: a, context }) => {
  const b = await context.newPage();
  await openPlayground(a);
  await openPlayground(b);
  await nameBox(a).fill('Tab A');
  await systemBox(a).fill('System A');
  await messageBox(b).fill('from tab B');
  // The person goes back to tab A a moment later: each tab has kept its work by then (within a
  // second of each edit). Nothing on the page shows that: wait for each tab's own storage to hold it.
  const kept = (page: Page, text: string) =>
    expect.poll(() => page.evaluate((key) => sessionStorage.getItem(key) ?? '', WORK_KEY)).toContain(text);
  await kept(a, 'System A');
  await kept(b, 'from tab B');

  await reload(a);
  await expect(nameBox(a)).toHaveValue('Tab A');
  await expect(systemBox(a)).toHaveValue('System A');
  await expect(messageBox(a)).not.toHaveValue('from tab B');

  await reload(b);
  await expect(messageBox(b)).toHaveValue('from tab B');
  await expect(nameBox(b)).not.toHaveValue('Tab A');
  await expect(systemBox(b)).not.toHaveValue('System A');
});

test('a save in one tab shows in the Library another tab has open', async ({ page: a, context }) => {
  const b = await context.newPage();
  await openPlayground(a);
  await openPlayground(b);
  await openLibrary(b);

  await nameBox(a).fill('Tab A');
  await save(a);

  await expect(libraryEntries(b).filter({ hasText: 'Tab A' })).toHaveCount(1);
  await expectAccessible(b, 'the Library dialog, updated by another tab');
});

test('saving over an entry another tab changed since it was opened asks first; "Save as a new entry" keeps both', async ({ page: a, context }) => {
  const b = await context.newPage();
  await openPlayground(a);
  await openPlayground(b);
  await nameBox(a).fill('Shared');
  await save(a);

  await openLibrary(b);
  await libraryEntries(b).filter({ hasText: 'Shared' }).getByRole('button', { name: 'Open' }).click();
  await expect(libraryDialog(b)).toHaveCount(0);
  await expect(nameBox(b)).toHaveValue('Shared');

  await systemBox(a).fill('Answer in one sentence.');
  await save(a);

  await systemBox(b).fill('Answer in French.');
  await b.getByRole('button', { name: 'Save' }).click();
  const question = b.getByRole('alertdialog', { name: 'Overwrite the saved scenario?' });
  await expect(question).toBeVisible();
  for (const name of ['Cancel', 'Save as a new entry', 'Overwrite']) await expect(question.getByRole('button', { name })).toBeVisible();
  await expectAccessible(b, 'the "Overwrite the saved scenario?" question');
  await question.getByRole('button', { name: 'Save as a new entry' }).click();
  await expect(question).toHaveCount(0);

  await openLibrary(b);
  // The second may be named "Shared" or as a copy of it ("Shared (copy)"): both contain "Shared".
  await expect(libraryEntries(b).filter({ hasText: 'Shared' })).toHaveCount(2);
});

test('a result typed into a card survives a reload; the other cards keep their mock', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const editors = resultEditors(page);
  await expect(editors).toHaveCount(3);
  const mocks = [await editors.nth(1).inputValue(), await editors.nth(2).inputValue()];
  expect(mocks[0]).not.toBe('');
  await editors.first().clear();
  await editors.first().fill(TYPED_RESULT);

  await reload(page);
  await expect(editors).toHaveCount(3);
  await expect(editors.first()).toHaveValue(TYPED_RESULT);
  await expect(editors.nth(1)).toHaveValue(mocks[0]);
  await expect(editors.nth(2)).toHaveValue(mocks[1]);
});
