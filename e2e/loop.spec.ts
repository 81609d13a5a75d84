/** The function-calling loop in the page: simulator and test upstream, approve, reject, the second call. */
import { QUIRKS } from './upstream/fixtures.mjs';
import { answeredCalls, chooseModel, conversation, expect, expectAccessible, failureAlert, openPlayground, QUESTION, resultEditors, test } from './fixtures';

const CITY_RESULTS = [
  '{"temperature": 21, "unit": "celsius", "description": "Clear"}',
  '{"temperature": 17, "unit": "celsius", "description": "Fog"}',
  '{"temperature": 12, "unit": "celsius", "description": "Wind"}',
];

test('the guide\'s weather loop with the offline simulator: three cards, hand-entered results, the answer states them', async ({ page }) => {
  await openPlayground(page);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(QUESTION);
  await page.getByRole('button', { name: 'Send' }).click();

  const editors = resultEditors(page);
  await expect(editors).toHaveCount(3);
  const log = conversation(page);
  for (const city of ['New York', 'San Francisco', 'Chicago']) await expect(log).toContainText(city);
  await expectAccessible(page, 'three tool calls awaiting results, the inspector with a call');
  for (const [i, result] of CITY_RESULTS.entries()) await editors.nth(i).fill(result);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();

  await expect(answeredCalls(page)).toHaveCount(3);
  const answer = log.getByRole('article', { name: 'Assistant' }).last();
  for (const value of ['21', '17', '12']) await expect(answer).toContainText(value);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});

test('streamed tool-call deltas from gpt-4o through the proxy, then the second call summarizes', async ({ page, upstream }) => {
  const summary = 'New York is 21 °C, San Francisco 17 °C and Chicago 12 °C.';
  await upstream.script([{ ...QUIRKS.reusedIndex.step }, { kind: 'text', content: summary }]);
  await openPlayground(page);
  const picker = page.getByRole('combobox', { name: 'Model' });
  await picker.click();
  await picker.fill('gpt-4');
  await expect(page.getByRole('option').first()).toBeVisible();
  await expectAccessible(page, 'the Model picker open with matches');
  await chooseModel(page, 'gpt-4o');
  await page.getByRole('button', { name: 'Send' }).click();

  const editors = resultEditors(page);
  await expect(editors).toHaveCount(3);
  for (const [i, result] of CITY_RESULTS.entries()) await editors.nth(i).fill(result);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText(summary);

  const [first, second] = await upstream.requests();
  expect(first.body.stream).toBe(true);
  expect(first.body.model).toBe('gpt-4o');
  const toolMessages = second.body.messages.filter((message: { role: string }) => message.role === 'tool');
  expect(toolMessages.map((message: { content: string }) => JSON.parse(message.content).temperature)).toEqual([21, 17, 12]);
  const callIds = second.body.messages.find((message: { tool_calls?: unknown[] }) => message.tool_calls).tool_calls.map((call: { id: string }) => call.id);
  expect(new Set(callIds).size).toBe(3);
});

test('rejecting the calls tells the model, which answers that it was declined', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Reject' }).first().click();
  const answer = conversation(page).getByRole('article', { name: 'Assistant' }).last();
  await expect(answer).toContainText(/declined/i);
});

test('broken tools JSON disables Send and names the problem', async ({ page }) => {
  await openPlayground(page);
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  // Typed key by key, as a person does: Monaco types over the brackets and quotes it auto-closed.
  await page.keyboard.type('[{"type": "function", "function": {"name": "get weather", "parameters": {"type": "object"}}}]');
  const send = page.getByRole('button', { name: 'Send' });
  await expect(send).toBeDisabled();
  await expect(page.getByText(/get weather/).first()).toBeVisible();
  await expect(page.getByText(/\^\[a-zA-Z0-9_-\]\{1,64\}\$/).first()).toBeVisible();

  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('[{"type": "function", "function": {"name": "get_weather"');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(',');
  await expect(send).toBeDisabled();
  await expect(page.getByRole('list', { name: 'Tool problems' })).toContainText(/JSON/);
});

for (const failure of [
  { status: 500, body: { error: { message: 'The provider is having a bad day', type: 'server_error' } }, text: 'The provider is having a bad day' },
  { status: 401, body: { error: { message: 'Invalid API key for this account', type: 'invalid_request_error' } }, text: 'Invalid API key for this account' },
]) {
  test(`upstream ${failure.status}: an alert, nothing lost, Retry succeeds after switching model`, async ({ page, upstream, problems }) => {
    problems.expectFailedRequests(failure.status);
    await upstream.script([{ kind: 'error', status: failure.status, body: failure.body }]);
    await openPlayground(page);
    await chooseModel(page, 'gpt-4o');
    const message = page.getByRole('textbox', { name: 'Message' });
    await message.fill('Weather in Paris, please?');
    await page.getByRole('button', { name: 'Send' }).click();

    const alert = failureAlert(page);
    await expect(alert).toContainText(String(failure.status));
    await expect(alert).toContainText(failure.text);
    await expect(conversation(page).getByRole('article', { name: 'User' })).toContainText('Weather in Paris, please?');
    await expectAccessible(page, 'a failure alert');

    await chooseModel(page, 'offline-simulator');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(failureAlert(page)).toHaveCount(0);
    await expect(resultEditors(page)).toHaveCount(1);
    await expect(conversation(page)).toContainText('Paris');
  });
}
