/**
 * Evaluate: a 20-case set imported as JSON Lines through the dialog, run on the offline simulator (and
 * cancelled on a model of the test upstream that never answers), the scorecard, a failed case opened as
 * a conversation and taken back with Undo, and a shared link that brings the cases and the scorecard
 * into a fresh browser. Screenshots of the panel on a desktop and a phone, light and dark.
 */
import type { Page } from '@playwright/test';
import { conversation, expect, expectAccessible, openPlayground, test } from './fixtures';

const CITIES = [
  'Paris', 'Berlin', 'Madrid', 'Rome', 'Vienna', 'Prague', 'Lisbon', 'Dublin', 'Oslo', 'Helsinki',
  'Warsaw', 'Athens', 'Budapest', 'Zurich', 'Brussels', 'Amsterdam', 'Copenhagen', 'Stockholm', 'Tallinn', 'Riga',
];
/** The last four expect a city the question does not name: the simulator fails them, on purpose. */
const FAILING = 4;

/** 20 test cases in the playground's own JSON Lines format (one TestCase a line). */
function casesJsonl(): string {
  return CITIES.map((city, i) => {
    const expected = i >= CITIES.length - FAILING ? 'Atlantis' : city;
    return JSON.stringify({
      id: `weather-${String(i + 1).padStart(2, '0')}`,
      messages: [{ role: 'user', content: `What is the current weather in ${city}?` }],
      expect: {
        calls: [{ name: 'get_current_weather', arguments: { location: { kind: 'equals', value: expected }, unit: { kind: 'any', optional: true } } }],
      },
    });
  }).join('\n');
}

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Evaluate' });
const progress = (page: Page) => dialog(page).getByRole('progressbar', { name: 'Evaluation progress' });

async function openEvaluate(page: Page): Promise<void> {
  const inRow = page.getByRole('button', { name: 'Evaluate', exact: true });
  if (!(await inRow.isVisible())) await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(dialog(page)).toBeVisible();
}

async function importCases(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Import test cases' }).click();
  await dialog(page).getByRole('radio', { name: /JSON Lines/ }).check();
  await dialog(page).getByRole('textbox', { name: 'Test cases (JSON Lines)' }).fill(casesJsonl());
  await dialog(page).getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog(page).getByText('Imported 20 test cases.')).toBeVisible();
  await expect(dialog(page).getByRole('list', { name: 'Test cases' }).getByRole('listitem')).toHaveCount(20);
}

async function chooseOnly(page: Page, models: string[]): Promise<void> {
  const list = dialog(page).getByRole('list', { name: 'Models' });
  for (const box of await list.getByRole('checkbox', { checked: true }).all()) await box.uncheck();
  for (const model of models) {
    await dialog(page).getByRole('textbox', { name: 'Filter models' }).fill(model);
    await list.getByRole('checkbox', { name: new RegExp(`\\s${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).check();
  }
  await dialog(page).getByRole('textbox', { name: 'Filter models' }).fill('');
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/evaluate-${name}.png` });
}

test('Evaluate a 20-case set: progress, Cancel aborts what is in flight, the scorecard, a failed case opened as a conversation', async ({ page, upstream }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await openEvaluate(page);
  await importCases(page);

  // Cancel: on a model of the test upstream that never answers, the four cases in flight are aborted.
  await upstream.script([{ kind: 'hang', repeat: -1 }]);
  await chooseOnly(page, ['gpt-4o']);
  await dialog(page).getByRole('spinbutton', { name: 'Concurrency per model' }).fill('4');
  await dialog(page).getByRole('button', { name: 'Run evaluation' }).click();
  await expect(progress(page)).toHaveAttribute('aria-valuemax', '20');
  await expect.poll(async () => (await upstream.requests()).filter((r) => r.path.includes('/chat/completions')).length).toBe(4);
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog(page).getByRole('button', { name: 'Run evaluation' })).toBeVisible();
  await expect.poll(async () => (await upstream.requests()).filter((r) => r.aborted).length).toBe(4);
  const summary = dialog(page).getByRole('table', { name: 'Scorecard' });
  await expect(summary).toContainText('Cancelled');

  // The whole run on the simulator, concurrency 2: the bar fills, each model's counts follow.
  await chooseOnly(page, ['offline-simulator']);
  await dialog(page).getByRole('spinbutton', { name: 'Concurrency per model' }).fill('2');
  await dialog(page).getByRole('button', { name: 'Run evaluation' }).click();
  await expect(dialog(page).getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(progress(page)).toHaveAttribute('aria-valuenow', '20', { timeout: 60_000 });
  await expect(dialog(page).getByRole('button', { name: 'Run evaluation' })).toBeVisible();
  await expect(dialog(page).getByRole('list', { name: 'Progress per model' })).toContainText(`20/20 · ${20 - FAILING} passed · ${FAILING} failed · 0 errors`);
  await expect(summary).not.toContainText('Cancelled');
  const row = summary.getByRole('row', { name: /offline-simulator/ });
  await expect(row.getByRole('cell').first()).toHaveText(`${(((20 - FAILING) / 20) * 100).toFixed(1)}%`);
  await expectAccessible(page, 'the Evaluate panel with a scorecard');
  await screenshot(page, 'desktop-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'desktop-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The failed cases, sorted by case, and the first of them opened as it ran.
  const results = dialog(page).getByRole('table', { name: 'Case results' });
  await dialog(page).getByRole('combobox', { name: 'Show' }).selectOption('fail');
  await results.getByRole('button', { name: /^Case/ }).click();
  await expect(results.getByRole('columnheader', { name: /^Case/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(results.getByRole('rowheader')).toHaveText(['weather-17', 'weather-18', 'weather-19', 'weather-20']);
  await expect(results.getByRole('row', { name: /weather-17/ })).toContainText('Atlantis');
  await results.getByRole('button', { name: 'Open as conversation: weather-17 on offline-simulator' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Weather in three cities — weather-17 on offline-simulator');
  await expect(conversation(page).getByRole('article', { name: 'User' })).toContainText(`What is the current weather in ${CITIES[16]}?`);
  await expect(conversation(page).getByRole('group', { name: /^Tool call / })).toHaveCount(1);
  // The case's expectation sits on its turn: the card says the call does not meet it.
  const check = conversation(page).getByRole('group', { name: 'Tool call get_current_weather' }).getByRole('status', { name: 'Expectation check' });
  await expect(check).toContainText('Does not meet the expected calls');
  await expect(check).toContainText('Atlantis');
  await expectAccessible(page, 'a failed case opened as a conversation');

  // Undo brings the work back, test cases and scorecard included.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Weather in three cities');
  await openEvaluate(page);
  await expect(dialog(page).getByRole('table', { name: 'Scorecard' })).toBeVisible();
});

test('a shared link restores the test cases and the scorecard; the panel on a phone', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await openPlayground(page);
  await openEvaluate(page);
  await importCases(page);
  await chooseOnly(page, ['offline-simulator']);
  await dialog(page).getByRole('button', { name: 'Run evaluation' }).click();
  await expect(progress(page)).toHaveAttribute('aria-valuenow', '20', { timeout: 60_000 });
  await expect(dialog(page).getByRole('button', { name: 'Run evaluation' })).toBeVisible();
  await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();

  await page.getByRole('button', { name: 'Share' }).click();
  const notice = page.getByRole('status').filter({ hasText: /Link copied|Copy this link/ });
  await expect(notice).toContainText('without the conversation each case ran as');
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();

  const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
  await openEvaluate(other);
  await expect(dialog(other).getByRole('list', { name: 'Test cases' }).getByRole('listitem')).toHaveCount(20);
  const row = dialog(other).getByRole('table', { name: 'Scorecard' }).getByRole('row', { name: /offline-simulator/ });
  await expect(row.getByRole('cell').first()).toHaveText('80.0%');
  await expect(dialog(other).getByRole('table', { name: 'Case results' }).getByText('Conversation not kept').first()).toBeVisible();
  await expectAccessible(other, 'the Evaluate panel from a shared link, on a phone');
  await screenshot(other, 'phone-light');
  await dialog(other).getByRole('table', { name: 'Scorecard' }).scrollIntoViewIfNeeded();
  await screenshot(other, 'phone-scorecard');
  await fresh.close();
});
