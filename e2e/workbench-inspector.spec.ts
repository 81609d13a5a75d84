/**
 * The inspector of a finished loop, with the offline simulator and with gpt-4o through the scripted
 * test upstream: both calls oldest first with status 200, headers of both legs with the key never in
 * them, each chunk's time, the normalizer's changes, Copy as curl / Copy as JSON read back from the
 * clipboard (the curl run by bash with a stand-in curl), the full view, the resizable pane; and
 * screenshots of it for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { SENTINEL_KEY } from '../test/sentinel.mjs';
import { QUIRKS } from './upstream/fixtures.mjs';
import { answeredCalls, chooseModel, expect, expectAccessible, openPlayground, resultEditors, test, COLOR_SCHEMES, onScreen, SCREEN_SIZES } from './fixtures';

const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const callSummaries = (page: Page) => inspector(page).locator('details.group > summary');

/** The default weather question, its three calls approved with the mocks, the answer. */
async function finishLoop(page: Page) {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(resultEditors(page)).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(answeredCalls(page)).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
}

async function copied(page: Page, button: string): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).not.toContain(SENTINEL_KEY);
  return text;
}

/** The body curl would be given: bash runs the command with `curl` a function that prints its stdin. */
function curlBody(command: string): unknown {
  const out = execFileSync('bash', ['--noprofile', '--norc', '-c', `curl() { cat; }\n${command}`], { env: { ...process.env, BASH_ENV: '' } });
  return JSON.parse(out.toString());
}

async function expectCalls(page: Page) {
  const summaries = callSummaries(page);
  await expect(summaries).toHaveCount(2);
  await expect(summaries.nth(0)).toContainText('Call 1');
  await expect(summaries.nth(1)).toContainText('Call 2');
  for (let i = 0; i < 2; i++) await expect(summaries.nth(i)).toContainText('200');
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('the simulator loop: both calls oldest first, 200, our headers, timed chunks shown once, Copy as curl and JSON', async ({ page }) => {
  await openPlayground(page);
  await finishLoop(page);
  await expectCalls(page);
  const region = inspector(page);
  await callSummaries(page).nth(0).click();
  const call1 = region.locator('details.group').nth(0);
  await expect(call1.getByText('HTTP status')).toBeVisible();
  await call1.getByText('Status and headers').click();
  await expect(call1.getByRole('group', { name: 'Response headers from the playground server (call 1)' })).toContainText('text/event-stream');
  await expect(call1).toContainText('None: the offline simulator answered inside the playground server');
  await call1.getByText('Response · stream chunks').click();
  const chunks = call1.getByRole('list', { name: 'Stream chunks (call 1)' });
  await expect(chunks.locator(':scope > li').first()).toContainText(/\+\d+ ms/);
  await expect(call1).toContainText('each chunk is shown once');
  await expect(call1).toContainText('free (offline simulator)');
  await expectAccessible(page, 'the inspector with call 1 open, headers and chunks shown');

  const curl = await copied(page, 'Copy as curl (call 1)');
  expect(curl).toContain(`'${new URL(page.url()).origin}/api/v1/chat/completions'`);
  expect(curl).not.toContain('Authorization');
  const body = curlBody(curl);
  expect(body).toMatchObject({ model: 'offline-simulator', stream: true });
  expect(JSON.stringify(body)).toContain('What is the current temperature of New York');

  const json = JSON.parse(await copied(page, 'Copy as JSON (call 2)'));
  expect(json.request.body.messages.filter((m: { role: string }) => m.role === 'tool')).toHaveLength(3);
  expect(json.response).toMatchObject({ status: 200, provider: { provider: 'simulator' } });
  expect(json.response.chunks.length).toBeGreaterThan(1);
  expect(json.response.chunks.every((c: { ms: number | null }) => typeof c.ms === 'number')).toBe(true);
});

test('gpt-4o through the test upstream: provider status and headers without the key, the normalizer\'s changes, curl with $AIML_API_KEY', async ({ page, upstream }) => {
  await upstream.script([{ ...QUIRKS.reusedIndex.step }, { kind: 'text', content: 'New York is 22 °C, San Francisco 22 °C and Chicago 22 °C.' }]);
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await finishLoop(page);
  await expectCalls(page);

  const region = inspector(page);
  await callSummaries(page).nth(0).click();
  const call1 = region.locator('details.group').nth(0);
  await call1.getByText('Status and headers').click();
  const sent = call1.getByRole('group', { name: 'Request headers sent to the provider (call 1)' });
  await expect(sent).toContainText('authorization');
  await expect(sent).toContainText('Bearer ••••');
  await expect(call1.getByRole('group', { name: 'Response headers from the provider (call 1)' })).toContainText('req_test_');
  await expect(call1.getByRole('group', { name: 'Response headers from the provider (call 1)' })).toContainText('text/event-stream');
  await call1.getByText('Response · stream chunks').click();
  const chunks = call1.getByRole('list', { name: 'Stream chunks (call 1)' });
  await expect(chunks.locator(':scope > li').first()).toContainText(/\+\d+ ms/);
  // All three calls came with index 0: the normalizer renumbered them, and says so.
  await expect(call1.getByRole('list', { name: 'What the normalizer changed' }).filter({ hasText: 'choices[0].delta.tool_calls[0].index' }).first()).toBeVisible();
  await expect(call1).toContainText(/Provider sent · forwarded unchanged/);
  expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(SENTINEL_KEY);
  await expectAccessible(page, 'an upstream call open with both legs of headers and the normalizer\'s changes');

  const curl = await copied(page, 'Copy as curl (call 2)');
  expect(curl).toContain(`'https://api.aimlapi.com/v1/chat/completions'`);
  expect(curl).toContain('-H "Authorization: Bearer $AIML_API_KEY"');
  const body = curlBody(curl);
  expect(body).toMatchObject({ model: 'gpt-4o', stream: true, tool_choice: 'auto' });
  const json = JSON.parse(await copied(page, 'Copy as JSON (call 1)'));
  expect(json.response).toMatchObject({ status: 200, provider: { provider: 'upstream', status: 200, request_headers: { authorization: 'Bearer ••••' } } });
  expect(JSON.stringify(json)).not.toContain(SENTINEL_KEY);

  await page.getByRole('button', { name: 'Open call 1 in full view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Call 1 in full view' });
  await expect(dialog.getByRole('list', { name: 'Stream chunks (call 1)' })).toBeVisible();
  await dialog.getByRole('group', { name: 'Request headers sent to the provider (call 1)' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/inspector-desktop-light-upstream-headers.png' });
  await dialog.getByRole('list', { name: 'What the normalizer changed' }).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/inspector-desktop-light-upstream-chunks.png' });
  await expectAccessible(page, 'call 1 in full view');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the settings and inspector pane resizes from the keyboard, and keeps its width across a reload', async ({ page }) => {
  await openPlayground(page);
  const handle = page.getByRole('separator', { name: 'Resize the settings and inspector pane' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 128));
  const pane = page.locator('#area-settings');
  expect(Math.round((await pane.boundingBox())!.width)).toBe(before + 128);
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 96));
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Resize the settings and inspector pane' })).toHaveAttribute('aria-valuenow', String(before + 96));
});

for (const size of SCREEN_SIZES) {
  for (const scheme of COLOR_SCHEMES) {
    test(`inspector screenshots at ${size.width}×${size.height}, ${scheme}`, async ({ page }) => {
      const shot = await onScreen(page, 'inspector-', size, scheme);
      await openPlayground(page);
      const phone = await page.getByRole('tab', { name: 'Chat' }).isVisible();
      if (phone) await page.getByRole('tab', { name: 'Chat' }).click();
      await finishLoop(page);
      if (phone) await page.getByRole('tab', { name: 'Settings' }).click();
      await expectCalls(page);
      if (!phone) {
        await page.getByRole('separator', { name: 'Resize the settings and inspector pane' }).focus();
        await page.keyboard.press('End');
      }
      await callSummaries(page).nth(0).click();
      const call1 = inspector(page).locator('details.group').nth(0);
      await call1.getByText('Response · stream chunks').click();
      await callSummaries(page).nth(0).scrollIntoViewIfNeeded();
      await shot('pane');
      await expectAccessible(page, `${size.name}, ${scheme}: the inspector pane`);
      await page.getByRole('button', { name: 'Open call 2 in full view' }).click();
      await expect(page.getByRole('dialog', { name: 'Call 2 in full view' })).toBeVisible();
      await shot('full-view');
      await page.getByRole('dialog').getByRole('list', { name: 'Stream chunks (call 2)' }).scrollIntoViewIfNeeded();
      await shot('full-view-chunks');
      await expectAccessible(page, `${size.name}, ${scheme}: call 2 in full view`);
    });
  }
}
