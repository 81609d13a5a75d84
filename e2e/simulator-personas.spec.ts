/** The simulator in the page: its careless persona in the Model picker, and parallel calls off city by city. */
import { answeredCalls, chooseModel, conversation, expect, expectAccessible, openPlayground, resultEditors, test } from './fixtures';

const CARELESS = 'offline-simulator-careless';

test('the Model picker lists the careless persona beside the simulator, labelled, and it answers the loop', async ({ page }) => {
  await openPlayground(page);
  const picker = page.getByRole('combobox', { name: 'Model' });
  await picker.click();
  await picker.fill('offline');
  await expect(page.getByRole('option', { name: /Offline simulator — rule-based, not an LLM/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Offline simulator, careless persona — makes the mistakes models make, on purpose/ })).toBeVisible();
  await expectAccessible(page, 'the Model picker with both simulators');
  await page.keyboard.press('Escape');

  await chooseModel(page, CARELESS);
  await page.getByRole('button', { name: 'Send' }).click();
  const editors = resultEditors(page);
  await expect(editors.first()).toBeVisible();
  const count = await editors.count();
  expect(count).toBeGreaterThanOrEqual(1);
  for (let i = 0; i < count; i++) await editors.nth(i).fill(`{"temperature": ${20 + i}}`);
  for (let i = 0; i < count; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText('Here is what the tool');
});

test('with parallel calls off, the simulator calls one city per turn, the next after each result, then answers all three', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('checkbox', { name: /Parallel tool calls/ }).uncheck();
  await page.getByRole('button', { name: 'Send' }).click();
  const editors = resultEditors(page);
  const log = conversation(page);
  for (const [turn, city] of ['New York', 'San Francisco', 'Chicago'].entries()) {
    await expect(editors).toHaveCount(turn + 1);
    await expect(log.getByRole('group', { name: /^Tool call / }).nth(turn)).toContainText(city);
    await editors.nth(turn).fill(`{"temperature": ${21 + turn}, "unit": "celsius"}`);
    await page.getByRole('button', { name: 'Approve' }).first().click();
    await expect(answeredCalls(page)).toHaveCount(turn + 1);
  }
  const answer = log.getByRole('article', { name: 'Assistant' }).last();
  await expect(answer).toContainText('New York: the temperature is 21 and the unit is celsius.');
  await expect(answer).toContainText('Chicago: the temperature is 23');
  await expect(editors).toHaveCount(3);
});

for (const size of [{ name: 'desktop', width: 1440, height: 900 }, { name: 'phone', width: 390, height: 844 }] as const) {
  test(`screenshot: the Model picker's simulators at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openPlayground(page);
    const settings = page.getByRole('tab', { name: 'Settings' });
    if (await settings.isVisible()) await settings.click();
    const picker = page.getByRole('combobox', { name: 'Model' });
    await picker.click();
    await picker.fill('offline');
    await expect(page.getByRole('option', { name: new RegExp(`${CARELESS}$`) })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/model-picker-simulators-${size.name}.png` });
    await expectAccessible(page, `${size.name}: the Model picker with both simulators`);
  });
}
