/**
 * Shared Playwright fixtures: every page fails its test on a console error, an uncaught exception, or a
 * request to anywhere but the app itself; `upstream` drives the scripted test upstream over HTTP.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { SENTINEL_KEY } from '../test/sentinel.mjs';

export const UPSTREAM_ORIGIN = `http://127.0.0.1:${process.env.E2E_UPSTREAM_PORT || 4010}`;

export interface UpstreamControl {
  script: (steps: unknown[]) => Promise<void>;
  requests: () => Promise<Array<{ path: string; headers: Record<string, string>; body: any }>>;
}

export interface Problems {
  /** Chromium logs every non-2xx fetch to the console; a test that scripts a failure expects that line. */
  expectFailedRequests: (status: number) => void;
}

export const test = base.extend<{ upstream: UpstreamControl; problems: Problems }>({
  problems: async ({}, use) => {
    await use({ expectFailedRequests: () => {} });
  },
  page: async ({ page, baseURL, problems }, use) => {
    const origin = new URL(baseURL!).origin;
    const found: string[] = [];
    const expectedStatuses = new Set<number>();
    problems.expectFailedRequests = (status) => expectedStatuses.add(status);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const status = /Failed to load resource: the server responded with a status of (\d+)/.exec(message.text())?.[1];
      if (status && expectedStatuses.has(Number(status))) return;
      found.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => found.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) found.push(`request left the app: ${url}`);
    });
    page.on('console', (message) => {
      if (message.text().includes(SENTINEL_KEY)) found.push('the server key reached the browser console');
    });
    await use(page);
    if (!page.isClosed() && (await page.content()).includes(SENTINEL_KEY)) found.push('the server key is in the page');
    expect(found, 'console errors, uncaught exceptions, outside requests or the key').toEqual([]);
  },
  upstream: async ({ request }, use) => {
    await request.post(`${UPSTREAM_ORIGIN}/__reset`);
    await use({
      script: async (steps) => {
        const response = await request.post(`${UPSTREAM_ORIGIN}/__script`, { data: { steps } });
        expect(response.ok(), await response.text()).toBe(true);
      },
      requests: async () => (await request.get(`${UPSTREAM_ORIGIN}/__requests`)).json(),
    });
  },
});

export { expect };

export const QUESTION = 'What is the current temperature of New York, San Francisco, and Chicago?';

/** The page is usable once Monaco is up (on a phone it sits in the hidden Tools tab). */
export async function openPlayground(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
}

export async function chooseModel(page: Page, id: string): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Model' });
  await picker.click();
  await picker.fill(id);
  // An option's name is the model's name then its id.
  await page.getByRole('option', { name: new RegExp(`\\s${escapeRegExp(id)}$`) }).click();
  await expect(picker).toHaveAttribute('aria-expanded', 'false');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The failed call's alert (Next's route announcer and Monaco have role="alert" regions of their own). */
export const failureAlert = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Retry' }) });

export const conversation = (page: Page) => page.getByRole('log', { name: 'Conversation' });
export const resultEditors = (page: Page, name = 'get_current_weather') => page.getByRole('textbox', { name: `Result for ${name}` });
