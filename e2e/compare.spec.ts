/**
 * Compare: the offline simulator beside its careless persona on a tool whose `unit` is required and an
 * enum. The columns stream their own calls, the diff row shows where they differ, the careless
 * column fails an argument check, a call both made is answered once for both, a reload keeps the
 * columns, and "Continue with this one" makes a column the conversation.
 */
import { cloneScenario, DEFAULT_SCENARIO, WEATHER_TOOL, type Scenario } from '../lib/scenario/base';
import { shareUrl } from '../lib/scenario/share-link';
import { expect, expectAccessible, openPlayground, test } from './fixtures';
import type { Page } from '@playwright/test';

/** The careless persona sends Rome's unit as "C" for this message (its mistake is chosen by a hash of the request). */
const QUESTION = 'How warm is it in Rome and Madrid, in celsius?';

function scenario(): Scenario {
  const parameters = { ...WEATHER_TOOL.function.parameters, required: ['location', 'unit'] };
  return { ...cloneScenario(DEFAULT_SCENARIO), name: 'Weather, unit required', tools: [{ ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, parameters } }], draft: QUESTION };
}

const column = (page: Page, model: string) => page.getByRole('region', { name: model, exact: true });
const card = (region: ReturnType<typeof column>, city: string) => region.getByRole('group', { name: 'Tool call get_current_weather' }).filter({ hasText: city });
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/compare-${name}.png` });

async function startComparing(page: Page, baseURL: string) {
  await openPlayground(page, shareUrl(baseURL, scenario()));
  const toggle = page.getByRole('button', { name: 'Compare', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // The second column calls another simulator, so a page without a key compares at once.
  await expect(column(page, 'offline-simulator')).toBeVisible();
  await expect(column(page, 'offline-simulator-careless')).toBeVisible();
}

test('Compare the simulator with its careless persona: diff, verdicts, answer once, reload, Continue with this one', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await startComparing(page, baseURL!);

  // Add model adds a third column (with a model of its own, changed by its picker); Remove takes it away again.
  await page.getByRole('button', { name: 'Add model' }).click();
  await expect(page.getByRole('combobox', { name: 'Model of column 3' })).toBeVisible();
  const third = page.getByRole('region').filter({ has: page.getByRole('combobox', { name: 'Model of column 3' }) });
  const thirdModel = await third.getAttribute('aria-label');
  await third.getByRole('button', { name: `Remove the column of ${thirdModel}` }).click();
  await expect(page.getByRole('combobox', { name: 'Model of column 3' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Send' }).click();
  const sim = column(page, 'offline-simulator');
  const careless = column(page, 'offline-simulator-careless');
  for (const region of [sim, careless]) {
    await expect(card(region, 'Rome')).toBeVisible();
    await expect(card(region, 'Madrid')).toBeVisible();
  }

  // The diff row: the careless column sent Rome's unit outside the enum; Madrid's calls are the same.
  const diff = page.getByRole('region', { name: 'Tool call differences' });
  await expect(diff.getByRole('table', { name: 'Differences by column' })).toBeVisible();
  await expect(diff.getByRole('rowheader')).toHaveText(['Argument unit of get_current_weather differs']);
  await expect(diff.locator('mark')).toHaveText(['unit: "celsius"', 'unit: "C"']);

  // The verdicts differ: the careless column fails the enum check.
  await expect(sim).toContainText('✓ Arguments: all 2 calls pass');
  await expect(careless).toContainText('✗ Arguments: 1 of 2 calls fail');
  await careless.getByText(/1 of 2 calls fail/).click();
  await expect(careless.getByRole('list', { name: 'Argument problems of this column' })).toContainText('get_current_weather');
  await expect(sim.getByLabel('Latest turn')).toContainText(/TTFT \d+ ms · total .* · free/);

  // The inspector shows the calls of the column in focus, named by its model.
  await careless.getByRole('combobox', { name: 'Model of column 2' }).focus();
  await expect(page.getByText('offline-simulator-careless: 1 model call')).toBeVisible();
  await expectAccessible(page, 'two columns with their calls, the diff row, a failed verdict');
  await shot(page, '1440x900-diff');

  // Madrid's call, the same in both columns, answered once for both.
  await card(sim, 'Madrid').getByRole('button', { name: 'Approve in all 2 columns' }).click();
  for (const region of [sim, careless]) await expect(card(region, 'Madrid')).toContainText('Result sent');
  await expect(card(careless, 'Rome')).toContainText('Awaiting result');

  // A reload keeps both columns, their models and their calls.
  await page.reload();
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
  await expect(page.getByRole('button', { name: 'Compare', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(card(column(page, 'offline-simulator-careless'), 'Madrid')).toContainText('Result sent');
  await expect(card(column(page, 'offline-simulator-careless'), 'Rome')).toContainText('Awaiting result');

  // Each column answers Rome on its own; each then streams its own answer.
  for (const region of [sim, careless]) await card(region, 'Rome').getByRole('button', { name: 'Approve', exact: true }).click();
  for (const region of [sim, careless]) await expect(region.getByRole('article', { name: 'Assistant' }).last()).toContainText('Madrid');
  await shot(page, '1440x900-answered');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'the answered columns, dark');
  await shot(page, '1440x900-answered-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Continue with the careless column: it is the conversation now, with its model; Undo brings Compare back.
  await careless.getByRole('button', { name: 'Continue with this one' }).click();
  await expect(page.getByRole('button', { name: 'Compare', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('region', { name: 'offline-simulator-careless' })).toHaveCount(0);
  await expect(page.getByRole('log', { name: 'Conversation' })).toHaveCount(1);
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('"C"');
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue(/careless/i);
  await expect(page.getByRole('status').filter({ hasText: 'Continued with offline-simulator-careless' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Compare', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(column(page, 'offline-simulator')).toBeVisible();
});

test('Compare on a phone: the columns swipe, one in view', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await startComparing(page, baseURL!);
  await page.getByRole('button', { name: 'Send' }).click();
  const careless = column(page, 'offline-simulator-careless');
  await expect(card(column(page, 'offline-simulator'), 'Rome')).toBeVisible();
  await shot(page, '390x844-first');
  // One column in view at a time: the careless one is swiped to, header and all.
  const header = (n: number) => page.getByRole('combobox', { name: `Model of column ${n}` });
  await expect(header(2)).not.toBeInViewport({ ratio: 0.5 });
  await careless.evaluate((element) => element.scrollIntoView({ block: 'nearest', inline: 'start' }));
  await expect(header(2)).toBeInViewport();
  await expect(header(1)).not.toBeInViewport({ ratio: 0.5 });
  await expect(page.getByRole('region', { name: 'Tool call differences' })).toContainText('Argument unit of get_current_weather differs');
  await expectAccessible(page, 'Compare on a phone');
  await shot(page, '390x844-second');
});
