/**
 * The model list from the provider, and the small things people expect: Refresh asks the test
 * upstream's GET /v1/models through the server and lists what it adds under "Other models from the
 * provider" (a failed refresh says why and keeps the list); the theme switch persists across a reload
 * with no flash of the other theme; a success notice goes by itself while an error stays; the picker
 * names the model in use while a search is typed; and, on a second server started with no key, a
 * custom model id is refused before Send instead of answering 401. Screenshots in test-results/screens/.
 */
import type { Page } from '@playwright/test';
import { startWithNpm, type RunningApp } from '../test/support/app';
import { chooseModel, conversation, expect, expectAccessible, openPlayground, test, UPSTREAM_ORIGIN, COLOR_SCHEMES, SCREEN_SIZES } from './fixtures';

const OTHER_PROVIDER_MODELS = 'Other models from the provider';
const NO_KEY_FOR_MODEL = 'No API key is configured on the server: this model cannot be called; set AIML_API_KEY or use the offline simulator.';

const picker = (page: Page) => page.getByRole('combobox', { name: 'Model' });

/** On a phone the settings are a tab of their own. */
async function showSettings(page: Page) {
  const tab = page.getByRole('tab', { name: 'Settings' });
  if (await tab.isVisible()) await tab.click();
}

test('Refresh lists the provider\'s other models under their own heading, and one of them is called', async ({ page, upstream }) => {
  await openPlayground(page);
  await picker(page).click();
  await expect(page.getByRole('group', { name: OTHER_PROVIDER_MODELS })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Refresh models' }).click();
  await expect(page.getByText(/The provider lists 6 models; one not known for function calling is listed last/)).toBeVisible();
  expect((await upstream.requests()).filter((r) => r.path === '/v1/models')).toHaveLength(1);

  await picker(page).click();
  const others = page.getByRole('group', { name: OTHER_PROVIDER_MODELS });
  await expect(others.getByRole('option')).toHaveText(['o3-minio3-mini']);
  await expect(others).toContainText('whether they support function calling is not known');
  // The known ones keep their labels.
  await expect(page.getByRole('group', { name: 'OpenAI' }).getByRole('option', { name: /^GPT-4o\s+gpt-4o$/ })).toBeVisible();
  await expectAccessible(page, 'the picker with the provider\'s other models');
  await page.keyboard.press('Escape');

  await chooseModel(page, 'o3-mini');
  await expect(page.getByText('from the provider, function calling not known')).toBeVisible();
  await page.getByRole('textbox', { name: 'Message' }).fill('What is the weather in Oslo?');
  await page.getByRole('button', { name: 'Send' }).click();
  // The test upstream's echo model calls the first tool: the call went to o3-mini, through the proxy.
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText('o3-mini');
  await expect(page.getByRole('textbox', { name: 'Result for get_current_weather' })).toBeVisible();
  const chat = (await upstream.requests()).find((r) => r.path === '/v1/chat/completions');
  expect(chat?.body.model).toBe('o3-mini');
});

test('a failed refresh says why and keeps the list', async ({ page, upstream, problems }) => {
  problems.expectFailedRequests(503);
  await upstream.scriptModels([
    { kind: 'completion', body: { object: 'list', data: [{ id: 'gpt-4o' }, { id: 'acme/tool-model-2' }] } },
    { kind: 'error', status: 503, body: { error: { message: 'The model list is being rebuilt' } } },
  ]);
  await openPlayground(page);
  await page.getByRole('button', { name: 'Refresh models' }).click();
  await expect(page.getByText(/The provider lists 2 models/)).toBeVisible();

  await page.getByRole('button', { name: 'Refresh models' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Could not refresh the models' });
  await expect(status).toContainText('503');
  await expect(status).toContainText('The model list is being rebuilt');
  await expect(status).toContainText('The list is as it was.');
  await picker(page).click();
  await expect(page.getByRole('group', { name: OTHER_PROVIDER_MODELS }).getByRole('option')).toHaveText([/acme\/tool-model-2/]);
  await expect(page.getByRole('group', { name: 'Anthropic' }).getByRole('option')).toHaveCount(5);
});

for (const size of SCREEN_SIZES) {
  test(`screenshots of the provider's models in the picker at ${size.width}×${size.height}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openPlayground(page);
    await showSettings(page);
    await page.getByRole('button', { name: 'Refresh models' }).click();
    await expect(page.getByText(/The provider lists 6 models/)).toBeVisible();
    await picker(page).click();
    await picker(page).fill('o3');
    await expect(page.getByRole('group', { name: OTHER_PROVIDER_MODELS })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/${size.name}-picker-other-models.png` });
    await expectAccessible(page, `${size.name}: the picker searching the provider's models`);
  });
}

test('the picker names the model in use while a search is typed', async ({ page }) => {
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await picker(page).click();
  await picker(page).fill('claude');
  await expect(picker(page)).toHaveValue('claude');
  await expect(picker(page)).toHaveAccessibleDescription('In use: GPT-4o · gpt-4o');
  // Seen too: the open list covers the line under the box, so it says so at its top.
  await expect(page.getByText('In use: GPT-4o', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker(page)).toHaveValue('GPT-4o');
});

/** Records, in the page, the theme <html> had when <body> first appeared: nothing is painted before that. */
async function recordThemeAtFirstBody(page: Page) {
  await page.addInitScript(() => {
    const record = (window as unknown as { __themeAtBody?: string | null });
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      record.__themeAtBody = document.documentElement.dataset.theme ?? null;
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** Whether the page's background is dark: its colour painted on a canvas, read back as sRGB. */
const bodyIs = (page: Page) =>
  page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d')!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return (r + g + b) / 3 < 128 ? 'dark' : 'light';
  });

test('the theme switch is saved in this browser, and a reload shows it from the first paint', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await recordThemeAtFirstBody(page);
  await openPlayground(page);
  const theme = page.getByRole('radiogroup', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System theme' })).toBeChecked();
  expect(await bodyIs(page)).toBe('light');

  await theme.getByRole('radio', { name: 'Dark theme' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyIs(page)).toBe('dark');
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
  await expectAccessible(page, 'the dark theme chosen');

  await page.reload();
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
  expect(await page.evaluate(() => (window as unknown as { __themeAtBody?: string | null }).__themeAtBody)).toBe('dark');
  await expect(theme.getByRole('radio', { name: 'Dark theme' })).toBeChecked();
  expect(await bodyIs(page)).toBe('dark');
  await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);

  // Light wins over a dark system; "system" follows it again.
  await page.emulateMedia({ colorScheme: 'dark' });
  await theme.getByRole('radio', { name: 'Light theme' }).check();
  expect(await bodyIs(page)).toBe('light');
  await expect(page.locator('.monaco-editor').first()).not.toHaveClass(/vs-dark/);
  await theme.getByRole('radio', { name: 'System theme' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme');
  expect(await bodyIs(page)).toBe('dark');
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { __themeAtBody?: string | null }).__themeAtBody)).toBeNull();
  await expect(theme.getByRole('radio', { name: 'System theme' })).toBeChecked();
});

for (const size of SCREEN_SIZES) {
  for (const scheme of COLOR_SCHEMES) {
    test(`screenshot of the theme switch at ${size.width}×${size.height}, ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await openPlayground(page);
      // Chosen on the switch, against the system's setting, so the screenshot shows the switch at work.
      await page.emulateMedia({ colorScheme: scheme === 'dark' ? 'light' : 'dark' });
      // On a phone the switch is in "More", which stays open for the screenshot.
      const more = page.getByRole('button', { name: 'More' });
      if (await more.isVisible()) await more.click();
      await page.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: scheme === 'dark' ? 'Dark theme' : 'Light theme' }).check();
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.screenshot({ path: `test-results/screens/${size.name}-${scheme}-theme-switch.png` });
      await expectAccessible(page, `${size.name}: the ${scheme} theme chosen`);
    });
  }
}

test('a success notice goes away by itself; an error notice stays until dismissed', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Save' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved “' });
  await expect(saved).toBeVisible();
  await page.mouse.move(0, 799); // away from the notice, which a pointer on it would hold
  await expect(saved).toBeHidden({ timeout: 30_000 });

  await page.evaluate(() => (window.location.hash = 's=1.%E2%9C%93not-lz-at-all!!'));
  const alert = page.getByRole('alert').filter({ hasText: 'could not be opened' });
  await expect(alert).toBeVisible();
  // That an error outlasts a success notice's six seconds is the notice bar's component test (fake timers).
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();
});

test('"the guide" links to the published function-calling guide, in a new tab', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Templates' }).click();
  const links = page.getByRole('dialog', { name: 'Templates' }).getByRole('link', { name: /the guide/i });
  await expect(links.first()).toBeVisible();
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('href', 'https://docs.aimlapi.com/capabilities/function-calling');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  }
  await expect(links.first()).toHaveAccessibleName(/the guide \(opens in a new tab\)/i);
});

// Its own server, started with no key: the page learns so from GET /api/v1/models, as in production.
const NO_KEY_PORT = Number(process.env.E2E_APP_PORT || 3210) + 1;
test.describe('with no key on the server', () => {
  test.use({ baseURL: `http://127.0.0.1:${NO_KEY_PORT}` });
  let app: RunningApp;
  test.beforeAll(async () => {
    app = await startWithNpm(['--', '-p', String(NO_KEY_PORT), '-H', '127.0.0.1'], NO_KEY_PORT, {
      AIML_API_BASE_URL: `${UPSTREAM_ORIGIN}/v1`,
      PLAYGROUND_RATE_LIMIT_PER_MINUTE: '0',
    });
  });
  test.afterAll(async () => app?.stop());

  test('a custom model id warns before Send, and Send says so instead of calling', async ({ page }) => {
    const chats: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/chat/completions')) chats.push(request.url());
    });
    await openPlayground(page);
    await expect(page.getByRole('button', { name: 'Refresh models' })).toHaveCount(0);
    await picker(page).click();
    await picker(page).fill('my-org/custom-model');
    await page.keyboard.press('Enter');
    await expect(picker(page)).toHaveAccessibleDescription(/my-org\/custom-model needs AIML_API_KEY on the server/);
    await expect(page.getByText(NO_KEY_FOR_MODEL)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expectAccessible(page, 'a custom model id with no key on the server');
    expect(chats).toEqual([]);

    await chooseModel(page, 'offline-simulator');
    await expect(page.getByText(NO_KEY_FOR_MODEL)).toHaveCount(0);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('textbox', { name: 'Result for get_current_weather' })).toHaveCount(3);
    expect(chats).toHaveLength(1);
  });
});
