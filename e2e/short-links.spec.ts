/**
 * Short links, end to end encrypted (issue 18): a scenario with 100 BFCL tools is too long a `#s=` link
 * for chat, so Share offers a short link; made, it is short, opens in a fresh browser with the same
 * tools, and the server's SQLite file holds no plaintext of it. A changed key says it does not open the
 * link; a deleted link (from its notice, or with its `#kd=` delete link) says it does not exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { bfclFunctions } from '../lib/links/testing/bfcl-functions';
import { importTools } from '../lib/tool-formats/import';
import { expect, expectAccessible, openPlayground, test } from './fixtures';

/** playwright.config.ts points the app's PLAYGROUND_DATA_DIR here. */
const DATABASE = 'test-results/e2e-data/playground.db';
const SCENARIO_NAME = 'Hundred BFCL tools for the team';
const FUNCTIONS = bfclFunctions(100);
const imported = importTools(FUNCTIONS);
if ('error' in imported) throw new Error(imported.error);
/** The tools' names as the page has them (dots made `_`). */
const NAMES = imported.tools.map(({ tool }) => tool.function.name);
const SHORT_LINK = /^http:\/\/127\.0\.0\.1:\d+\/#k=([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$/;

const toolsStatus = (page: Page) => page.getByRole('status').filter({ hasText: /^✓?\s*Valid/ });
const shortLinkNotice = (page: Page) => page.getByRole('status').filter({ hasText: 'Short link copied' });

async function loadBfclTools(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Scenario name' }).fill(SCENARIO_NAME);
  await page.getByRole('button', { name: 'Import tools' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import tools' });
  await dialog.getByRole('textbox', { name: /Tools to import/ }).fill(JSON.stringify(FUNCTIONS));
  await dialog.getByRole('button', { name: 'Replace the tools' }).click();
  await expect(dialog).toBeHidden();
  await expect(toolsStatus(page)).toHaveText(`✓Valid: ${NAMES.join(', ')}`);
}

/** Share → "Make a short link" (expiring as chosen) → the link, from its notice; screenshots and a check of the offer on the way if asked. */
async function makeShortLink(page: Page, expires: string, on: { offerScreen?: string; madeScreen?: string; offer?: () => Promise<void> } = {}): Promise<string> {
  await page.getByRole('button', { name: 'Share' }).click();
  const offer = page.getByRole('status').filter({ hasText: 'Link copied' });
  await expect(offer.getByRole('button', { name: 'Make a short link' })).toBeVisible();
  await expect(offer).toContainText('Encrypted in this browser; the server stores only ciphertext it cannot read. The key is in the link after #.');
  if (on.offerScreen) await page.screenshot({ path: on.offerScreen });
  await on.offer?.();
  await offer.getByRole('combobox', { name: 'Expires' }).selectOption({ label: expires });
  await offer.getByRole('button', { name: 'Make a short link' }).click();
  const made = shortLinkNotice(page);
  await expect(made).toBeVisible();
  const link = await made.getByRole('textbox', { name: 'Short link' }).inputValue();
  expect(link).toMatch(SHORT_LINK);
  if (on.madeScreen) await page.screenshot({ path: on.madeScreen });
  return link;
}

/** A fresh browser (no storage, no cookie) opening `url`. */
async function freshPage(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
  return { context, page };
}

/** What the server's SQLite file holds now, the write-ahead log included. */
function storedBytes(): string {
  return [DATABASE, `${DATABASE}-wal`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('');
}

test('100 BFCL tools: Share offers a short link, it opens in a fresh browser, and the stored row is ciphertext only', async ({ page, browser, context }) => {
  // A page with 100 tools takes axe long to check (here at the end, by the fixture); the short-link notices are checked in the next test.
  test.setTimeout(300_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  await loadBfclTools(page);

  // The #s= link is long: the notice says so and offers the short link up front.
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toContainText('Links this long are often cut off by chat apps');
  expect((await page.getByRole('textbox', { name: 'Share link' }).inputValue()).length).toBeGreaterThan(2_000);
  const link = await makeShortLink(page, '30 days', { offerScreen: 'test-results/screens/short-link-offer.png', madeScreen: 'test-results/screens/short-link-made.png' });
  const [, id, key] = SHORT_LINK.exec(link)!;
  expect(link.length - new URL(link).origin.length).toBeLessThan(100);
  await expect(shortLinkNotice(page)).toContainText(/Short link copied — expires on \d+ \w+ \d{4}/);
  expect(page.url()).toBe(link);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const fresh = await freshPage(browser, link);
  await expect(fresh.page.getByRole('status').filter({ hasText: `Opened the shared scenario “${SCENARIO_NAME}”.` })).toBeVisible();
  await expect(toolsStatus(fresh.page)).toHaveText(`✓Valid: ${NAMES.join(', ')}`);
  await expect(fresh.page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(SCENARIO_NAME);
  // Dealt with: a reload does not open it again.
  expect(new URL(fresh.page.url()).hash).toBe('');
  await fresh.page.screenshot({ path: 'test-results/screens/short-link-opened.png' });
  await fresh.context.close();

  // The row is there (its id), and no plaintext: not the scenario's name, no tool name, not the key.
  const stored = storedBytes();
  expect(stored).toContain(id);
  expect(stored).not.toContain(key);
  for (const name of [SCENARIO_NAME, ...NAMES.filter((name) => name.length >= 10).slice(0, 25)]) expect(stored, name).not.toContain(name);
});

test('a changed key says it does not open the link; deleted from its notice, the link does not exist', async ({ page, browser }) => {
  await openPlayground(page);
  // A short #s= link: the short link is offered on request.
  const link = await makeShortLink(page, 'Never', { offer: () => expectAccessible(page, 'the short-link offer') });
  await expect(shortLinkNotice(page)).toContainText('Short link copied — kept until deleted.');
  await expectAccessible(page, 'the short link made');

  const [, , key] = SHORT_LINK.exec(link)!;
  const changed = link.replace(`.${key}`, `.${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`);
  const tampered = await freshPage(browser, changed);
  const alert = tampered.page.getByRole('alert').filter({ hasText: 'could not be opened' });
  await expect(alert).toContainText("This short link's key does not open it: the part after # was changed or cut");
  await expect(alert).toContainText('Nothing you had open was changed.');
  await expectAccessible(tampered.page, "a short link whose key does not open it");
  await tampered.context.close();

  await shortLinkNotice(page).getByRole('button', { name: 'Delete the short link' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete the short link?' });
  await confirm.getByRole('button', { name: 'Delete the short link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted the short link' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');

  const gone = await freshPage(browser, link);
  await expect(gone.page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('This short link does not exist');
  await gone.context.close();
});

test('the delete link (#kd=) asks, then deletes the short link', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPlayground(page);
  const link = await makeShortLink(page, '1 day');
  await shortLinkNotice(page).getByRole('button', { name: 'Copy delete link' }).click();
  await expect(shortLinkNotice(page)).toContainText('Delete link copied');
  const deleteLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(deleteLink).toMatch(/#kd=[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{32}$/);

  const creator = await freshPage(browser, deleteLink);
  const confirm = creator.page.getByRole('alertdialog', { name: 'Delete the short link?' });
  await expect(confirm).toContainText('Deleting it cannot be undone');
  // The token left the address bar before the question, whatever the answer.
  expect(new URL(creator.page.url()).hash).toBe('');
  await confirm.getByRole('button', { name: 'Delete the short link' }).click();
  await expect(creator.page.getByRole('status').filter({ hasText: 'Deleted the short link' })).toBeVisible();
  await creator.context.close();

  const gone = await freshPage(browser, link);
  await expect(gone.page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText('This short link does not exist');
  await gone.context.close();
});
