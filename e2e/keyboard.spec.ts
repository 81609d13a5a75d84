/**
 * The page by keyboard alone: Tab moves through the Tools editor instead of being trapped in it (a
 * mouse click makes Tab indent, as editing expects, and Escape gives Tab back), and answering a tool
 * call moves focus to what comes next.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, openPlayground, resultEditors, test } from './fixtures';

const toolsEditor = (page: Page) => page.getByRole('textbox', { name: 'Tools', exact: true });
/** The visible lines of the editor (the tools JSON is short enough to show whole at 1280×800). */
const editorText = (page: Page) => page.locator('.monaco-editor .view-lines').first().innerText();
const BEFORE = '[data-e2e="before-tools-editor"]';

/**
 * Tabs from the top of the page until focus enters the Tools editor, and marks the control it came
 * from, so that specs can start from it and come back to it.
 */
async function markControlBeforeEditor(page: Page): Promise<Locator> {
  await page.getByRole('textbox', { name: 'Scenario name' }).focus();
  for (let i = 0; i < 40; i++) {
    const from = await page.evaluateHandle(() => document.activeElement);
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => Boolean(document.activeElement?.closest('.monaco-editor')))) {
      await from.evaluate((element) => (element as HTMLElement).setAttribute('data-e2e', 'before-tools-editor'));
      return page.locator(BEFORE);
    }
  }
  throw new Error('Tab from the Scenario name never reached the Tools editor');
}

/** Whether focus is on a control after the editor in document order (not inside it, not the body). */
const focusFollowsEditor = (page: Page) =>
  page.evaluate(() => {
    const focused = document.activeElement;
    const editor = document.querySelector('.monaco-editor');
    if (!focused || !editor || focused === document.body || editor.contains(focused)) return false;
    return Boolean(editor.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING);
  });

test('Tab moves into the Tools editor and out again without changing it; Shift+Tab goes back', async ({ page }) => {
  await openPlayground(page);
  const before = await markControlBeforeEditor(page);
  const text = await editorText(page);

  await before.focus();
  await page.keyboard.press('Tab');
  await expect(toolsEditor(page)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(toolsEditor(page)).not.toBeFocused();
  await expect.poll(() => focusFollowsEditor(page), { message: 'focus is on the control after the editor' }).toBe(true);
  expect(await editorText(page)).toBe(text);

  await page.keyboard.press('Shift+Tab');
  await expect(toolsEditor(page)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(before).toBeFocused();
  expect(await editorText(page)).toBe(text);
  await expectAccessible(page, 'after tabbing through the Tools editor');
});

test('after a click into the Tools editor Tab indents; Escape, then Tab leaves it', async ({ page }) => {
  await openPlayground(page);
  await page.locator('.monaco-editor .view-line').nth(1).click();
  await expect(toolsEditor(page)).toBeFocused();
  const text = await editorText(page);

  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(page), { message: 'Tab indents the line' }).not.toBe(text);
  await expect(toolsEditor(page)).toBeFocused();

  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(toolsEditor(page)).not.toBeFocused();
  await expect.poll(() => focusFollowsEditor(page), { message: 'focus is on the control after the editor' }).toBe(true);
});

/** Presses Tab until `target` has focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 8): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('answering a call by keyboard moves focus to the next call\'s result, and after the last to the Message box', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const editors = resultEditors(page);
  await expect(editors).toHaveCount(3);
  // Answered cards keep their (read-only) result box, so the n-th box stays the n-th call's.
  const approve = page.getByRole('button', { name: 'Approve' });
  const reject = page.getByRole('button', { name: 'Reject' });

  await approve.first().focus();
  await page.keyboard.press('Enter');
  await expect(editors.nth(1)).toBeFocused();

  await tabTo(page, reject.first());
  await page.keyboard.press('Enter');
  await expect(editors.nth(2)).toBeFocused();

  await tabTo(page, approve.first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
});
