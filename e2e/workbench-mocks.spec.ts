/**
 * Mocks that answer per call, and results checked, through the page: the weather rules answer each city
 * with its own result; a JavaScript mock runs in a real Worker (sandboxed: no fetch, no importScripts;
 * stopped at the time limit, the page still answering); a result that is not JSON is warned about and can
 * still be sent; a result schema checks the result; format-1 links still open, format 3 is refused.
 * Screenshots of each new state at desktop and phone size, light and dark, in test-results/screens/.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import type { Page } from '@playwright/test';
import { answeredCalls, conversation, expect, expectAccessible, openPlayground, QUESTION, resultEditors, test, COLOR_SCHEMES, onScreen, SCREEN_SIZES } from './fixtures';

const WEATHER = 'get_current_weather';
const KIND_LABELS = { fixed: 'Fixed result', rules: 'Rules', javascript: 'JavaScript', ask: 'Ask me' } as const;
/** The radio of one kind of mock for the weather function. */
const kind = (page: Page, which: keyof typeof KIND_LABELS) =>
  page.getByRole('radiogroup', { name: `Kind of mock for ${WEATHER}` }).getByRole('radio', { name: KIND_LABELS[which] });
/** Chooses a kind as a person does: the radio is visually hidden, its label is the button. */
async function chooseKind(page: Page, which: keyof typeof KIND_LABELS): Promise<void> {
  await page.getByRole('radiogroup', { name: `Kind of mock for ${WEATHER}` }).getByText(KIND_LABELS[which], { exact: true }).click();
  await expect(kind(page, which)).toBeChecked();
}
const cards = (page: Page) => conversation(page).getByRole('group', { name: `Tool call ${WEATHER}` });
const LOOP_FOREVER = '(args) => { while (true) {} }';

/** On a phone the areas are tabs; on a desktop the tab list is hidden and this does nothing. */
async function showArea(page: Page, area: 'Tools' | 'Chat'): Promise<void> {
  const tab = page.getByRole('tab', { name: area });
  if (await tab.isVisible()) await tab.click();
}

async function useJavaScript(page: Page, source: string): Promise<void> {
  await showArea(page, 'Tools');
  await chooseKind(page, 'javascript');
  await page.getByRole('textbox', { name: `JavaScript mock for ${WEATHER}` }).fill(source);
  await showArea(page, 'Chat');
}

async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(cards(page)).toHaveCount(3);
}

test('Rules mock: the weather question answers three cities with three results, each card names its rule, and the summary states all three', async ({ page }) => {
  await openPlayground(page);
  await expect(kind(page, 'rules')).toBeChecked();
  await expect(page.getByRole('textbox', { name: `When (rule 3 for ${WEATHER})` })).toHaveValue('{"location": "Chicago"}');
  await send(page);
  const expected = [
    ['Rule 1: location = New York', '22', 'Sunny'],
    ['Rule 2: location = San Francisco', '16', 'Foggy'],
    ['Rule 3: location = Chicago', '18', 'Partly cloudy'],
  ];
  for (const [i, [rule, temperature, sky]] of expected.entries()) {
    await expect(cards(page).nth(i)).toContainText(`Answered by: ${rule}`);
    await expect(resultEditors(page).nth(i)).toHaveValue(`{"temperature": ${temperature}, "unit": "celsius", "description": "${sky}"}`);
  }
  await expectAccessible(page, 'three cards, each answered by its rule');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  const answer = conversation(page).getByRole('article', { name: 'Assistant' }).last();
  for (const [, temperature, sky] of expected) {
    await expect(answer).toContainText(temperature);
    await expect(answer).toContainText(sky);
  }
});

test('a JavaScript mock runs in a worker for each call: its result in the card, which says the JavaScript mock answered', async ({ page }) => {
  await openPlayground(page);
  await useJavaScript(page, '(args, call) => ({ city: args.location, letters: args.location.length, name: call.name })');
  await send(page);
  await expect(resultEditors(page).nth(2)).toHaveValue('{"city":"Chicago","letters":7,"name":"get_current_weather"}');
  await expect(cards(page).nth(0)).toContainText('Answered by: JavaScript mock');
});

test('the real Worker is sandboxed: fetch to the app itself and importScripts of remote code are refused, in the card', async ({ page }) => {
  await openPlayground(page);
  await useJavaScript(page, `async (args) => args.location === 'Chicago' ? importScripts('https://example.com/x.js') : (await fetch('/api/v1/models')).status`);
  await send(page);
  await expect(cards(page).nth(0)).toContainText('fetch is not available to a mock');
  await expect(cards(page).nth(2)).toContainText('importScripts is not available to a mock');
  await expect(resultEditors(page).nth(0)).toHaveValue('');
});

test('a JavaScript mock that loops forever is stopped at the time limit, with a message in its card; the page answers meanwhile and after', async ({ page }) => {
  await openPlayground(page);
  await useJavaScript(page, LOOP_FOREVER);
  await send(page);
  // While the three workers spin, the page still takes typing.
  await resultEditors(page).nth(1).fill('{"typed": "while it ran"}');
  for (const i of [0, 2]) await expect(cards(page).nth(i)).toContainText('The JavaScript mock was stopped after 1 s');
  await expect(resultEditors(page).nth(1)).toHaveValue('{"typed": "while it ran"}');
  await expectAccessible(page, 'the time limit message in the cards');
  await resultEditors(page).nth(0).fill('{"temperature": 1}');
  await resultEditors(page).nth(2).fill('{"temperature": 3}');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(answeredCalls(page)).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});

test('a result that is not JSON is warned about before it is sent, and Approve still sends it as text', async ({ page }) => {
  await openPlayground(page);
  await send(page);
  await resultEditors(page).nth(0).fill('Sunny, 22 degrees');
  await expect(cards(page).nth(0)).toContainText('This result is not valid JSON:');
  await expect(cards(page).nth(0)).toContainText('the model gets it as plain text');
  await expect(cards(page).nth(0)).toContainText('(edited since)');
  await expect(cards(page).nth(1)).not.toContainText('not valid JSON');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(answeredCalls(page).first()).toContainText('Sunny, 22 degrees');
});

test('a result schema checks each result like the arguments are checked', async ({ page }) => {
  await openPlayground(page);
  await page.getByText('Result schema (optional)').click();
  await page.getByRole('textbox', { name: `Result schema for ${WEATHER}` }).fill('{"type": "object", "required": ["temperature", "humidity"]}');
  await send(page);
  await expect(cards(page).nth(0).getByRole('list', { name: 'Result problems' })).toContainText('Missing required "humidity"');
  await resultEditors(page).nth(0).fill('{"temperature": 22, "humidity": 40}');
  await expect(cards(page).nth(0)).toContainText('The result matches its schema');
  // The schema is part of the work: it survives a reload.
  await page.reload();
  await expect(page.getByRole('textbox', { name: `Result schema for ${WEATHER}` })).toHaveValue('{"type": "object", "required": ["temperature", "humidity"]}');
});

test('a link from format 1 opens with its mock as a fixed result; a format-3 link is refused as newer', async ({ page }) => {
  const v1 = `#s=1.${compressToEncodedURIComponent(JSON.stringify({ name: 'Old link', mocks: { [WEATHER]: '{"old": true}' } }))}`;
  await openPlayground(page, `/${v1}`);
  await expect(page.getByRole('status').filter({ hasText: 'Opened the shared scenario' })).toBeVisible();
  await expect(kind(page, 'fixed')).toBeChecked();
  await expect(page.getByRole('textbox', { name: `Mock for ${WEATHER}` })).toHaveValue('{"old": true}');
  await openPlayground(page, '/#s=3.N4IgLglmA2CmIC4QEEB2BjA9gWwIYBcQAaEAB');
  await expect(page.getByRole('alert').filter({ hasText: 'made by a newer version of the playground (format 3); this one reads format 2' })).toBeVisible();
});

for (const size of SCREEN_SIZES) {
  for (const scheme of COLOR_SCHEMES) {
    test(`screenshots of the mocks and result states at ${size.width}×${size.height}, ${scheme}`, async ({ page }) => {
      const shot = await onScreen(page, 'mocks-', size, scheme);
      await openPlayground(page);
      const mocks = page.getByRole('region', { name: 'Mocks' });

      await showArea(page, 'Tools');
      await mocks.getByRole('textbox', { name: `Default of the rules for ${WEATHER}` }).scrollIntoViewIfNeeded();
      await shot('panel-rules');
      for (const which of ['fixed', 'javascript', 'ask'] as const) {
        await chooseKind(page, which);
        if (which === 'javascript') await page.getByRole('textbox', { name: `JavaScript mock for ${WEATHER}` }).fill(LOOP_FOREVER);
        await page.getByRole('radiogroup', { name: `Kind of mock for ${WEATHER}` }).scrollIntoViewIfNeeded();
        await shot(`panel-${which}`);
        await expectAccessible(page, `${size.name}, ${scheme}: the Mocks panel, ${which}`);
      }
      await chooseKind(page, 'rules');

      await showArea(page, 'Chat');
      await send(page);
      await cards(page).nth(2).scrollIntoViewIfNeeded();
      await shot('card-rule');
      await resultEditors(page).nth(0).fill('Sunny, 22 degrees');
      await cards(page).nth(0).scrollIntoViewIfNeeded();
      await expect(cards(page).nth(0)).toContainText('This result is not valid JSON');
      await shot('json-warning');
      await expectAccessible(page, `${size.name}, ${scheme}: a card warning that its result is not JSON`);
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Reject' }).first().click();
      await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();

      await useJavaScript(page, LOOP_FOREVER);
      await page.getByRole('textbox', { name: 'Message' }).fill(QUESTION);
      await page.getByRole('button', { name: 'Send' }).click();
      const last = conversation(page).getByRole('group', { name: `Tool call ${WEATHER}` }).last();
      await expect(last).toContainText('The JavaScript mock was stopped after 1 s');
      await last.scrollIntoViewIfNeeded();
      await shot('js-timeout');
      await expectAccessible(page, `${size.name}, ${scheme}: the JavaScript mock stopped at the time limit`);
    });
  }
}
