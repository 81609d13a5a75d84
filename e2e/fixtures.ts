/**
 * Shared Playwright fixtures: every page of the test's context fails its test on a console error, an
 * uncaught exception, or a request to anywhere but the app itself, and on a serious or critical axe
 * violation where the test ends; `expectAccessible` checks a state in the middle of a test.
 * `upstream` drives the scripted test upstream over HTTP.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { SENTINEL_KEY } from '../test/sentinel.mjs';
import type { RecordedRequest } from './upstream/types';

export const UPSTREAM_ORIGIN = `http://127.0.0.1:${process.env.E2E_UPSTREAM_PORT || 4010}`;

export interface UpstreamControl {
  script: (steps: unknown[]) => Promise<void>;
  /** The answers of the upstream's GET /v1/models, one per request (its default list once they run out). */
  scriptModels: (steps: unknown[]) => Promise<void>;
  requests: () => Promise<RecordedRequest[]>;
}

export interface Problems {
  /** Chromium logs every non-2xx fetch to the console; a test that scripts a failure expects that line. */
  expectFailedRequests: (status: number) => void;
}

export const test = base.extend<{ upstream: UpstreamControl; problems: Problems }>({
  problems: async ({}, use) => {
    await use({ expectFailedRequests: () => {} });
  },
  page: async ({ page, baseURL, problems }, use, testInfo) => {
    const origin = new URL(baseURL!).origin;
    const found: string[] = [];
    const expectedStatuses = new Set<number>();
    problems.expectFailedRequests = (status) => expectedStatuses.add(status);
    // A second tab (context.newPage()) is watched like the first.
    const watch = (tab: Page) => {
      tab.on('console', (message) => {
        if (message.type() !== 'error') return;
        const status = /Failed to load resource: the server responded with a status of (\d+)/.exec(message.text())?.[1];
        if (status && expectedStatuses.has(Number(status))) return;
        found.push(`console error: ${message.text()}`);
      });
      tab.on('pageerror', (error) => found.push(`uncaught: ${error.message}`));
      tab.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) found.push(`request left the app: ${url}`);
      });
      tab.on('console', (message) => {
        if (message.text().includes(SENTINEL_KEY)) found.push('the server key reached the browser console');
      });
    };
    watch(page);
    page.context().on('page', watch);
    await use(page);
    const open = page.context().pages().filter((tab) => !tab.isClosed());
    for (const tab of open) if ((await tab.content()).includes(SENTINEL_KEY)) found.push('the server key is in the page');
    expect(found, 'console errors, uncaught exceptions, outside requests or the key').toEqual([]);
    // A test that already failed is not checked again: its page is in whatever state it stopped.
    if (testInfo.status !== testInfo.expectedStatus) return;
    for (const [i, tab] of open.entries()) await expectAccessible(tab, open.length > 1 ? `at the end of the test, tab ${i + 1}` : 'at the end of the test');
  },
  upstream: async ({ request }, use) => {
    await request.post(`${UPSTREAM_ORIGIN}/__reset`);
    await use({
      script: async (steps) => {
        const response = await request.post(`${UPSTREAM_ORIGIN}/__script`, { data: { steps } });
        expect(response.ok(), await response.text()).toBe(true);
      },
      scriptModels: async (steps) => {
        const response = await request.post(`${UPSTREAM_ORIGIN}/__models`, { data: { steps } });
        expect(response.ok(), await response.text()).toBe(true);
      },
      requests: async () => (await request.get(`${UPSTREAM_ORIGIN}/__requests`)).json(),
    });
  },
});

export { expect };

export const QUESTION = 'What is the current temperature of New York, San Francisco, and Chicago?';

/** The page is usable once Monaco is up (on a phone it sits in the hidden Tools tab). */
/** The screens every screenshot test looks at: a laptop and a phone, each in both colour schemes. */
export const SCREEN_SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
export const COLOR_SCHEMES = ['light', 'dark'] as const;
export type ScreenSize = (typeof SCREEN_SIZES)[number];
export type ColorScheme = (typeof COLOR_SCHEMES)[number];

/** Sets the page to a screen and a colour scheme; the function it gives saves a step's screenshot in test-results/screens/. */
export async function onScreen(page: Page, prefix: string, size: ScreenSize, scheme: ColorScheme): Promise<(step: string) => Promise<Buffer>> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width: size.width, height: size.height });
  return (step) => page.screenshot({ path: `test-results/screens/${prefix}${size.name}-${scheme}-${step}.png` });
}

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
/** The tool calls answered (approved or rejected): each shows the result it sent, once, in its card. */
export const answeredCalls = (page: Page) => conversation(page).getByRole('group', { name: /^Tool call / }).filter({ hasText: 'Result sent' });

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Serious and critical axe violations of the page as it is now, one line per element. Monaco's own DOM
 * is checked like the rest: it has no such violation in any state the specs visit (typing, markers,
 * focus), so nothing is excluded.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Colours are judged as they settle: a button enabled a moment ago is still fading in (transition-colors).
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => {}))));
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const why = [...node.any, ...node.all, ...node.none].map((check) => check.message).find(Boolean);
        return `${violation.id} (${violation.impact}): ${node.target.map(String).join(' >>> ')} — ${why ?? violation.help}`;
      }),
    );
}

/** Fails (softly: the test goes on) on any serious or critical axe violation; `label` names the state checked. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  expect.soft(await accessibilityProblems(page), `axe, ${label}: serious or critical violations (rule (impact): element — why)`).toEqual([]);
}
