/**
 * Real tools over MCP: the playground's server is configured with @modelcontextprotocol/server-everything
 * over stdio (e2e/mcp-servers.json). Its tools are added from the Servers panel; a call the simulator
 * makes runs on the server with "Run on everything" and its real result goes back; "Run without
 * asking" on a read-only tool runs and sends with no click; "Never run" offers no run.
 */
import type { Page } from '@playwright/test';
import { conversation, expect, expectAccessible, openPlayground, test } from './fixtures';

const servers = (page: Page) => page.getByRole('region', { name: 'Servers' });

async function addTool(page: Page, tool: string) {
  const panel = servers(page);
  await expect(panel.getByText('ready')).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: `Add ${tool}`, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^✓?\s*Valid/ })).toContainText(tool);
}

async function ask(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

test('a tool of server-everything added from Servers, run on the server, its real result summarized', async ({ page }) => {
  await openPlayground(page);
  await addTool(page, 'echo');
  await expect(servers(page).getByRole('list', { name: 'Tools of everything' })).toContainText('Echoes back the input string');
  await expectAccessible(page, 'the Servers panel with everything ready');
  await ask(page, 'Use echo to echo the message "hello from MCP"');
  const run = page.getByRole('button', { name: 'Run on everything' });
  await expect(run).toBeVisible();
  await run.click();
  const result = page.getByRole('textbox', { name: 'Result for echo' });
  await expect(result).toHaveValue('Echo: hello from MCP');
  await expect(conversation(page).getByText(/^Result from everything in \d+ ms/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/mcp-run.png' });
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText('Echo: hello from MCP');
});

test('"Run without asking" on a read-only tool runs it and sends its result with no click; "Never run" offers no run', async ({ page }) => {
  await openPlayground(page);
  await addTool(page, 'get-sum');
  await page.getByLabel('When the model calls get-sum').selectOption('auto');
  await ask(page, 'What is the sum of 2 and 5? Use get-sum.');
  // No click: the call runs on the server, its result goes back, and the model answers with it.
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText('7');
  await expect(conversation(page).getByText('Approved')).toBeVisible();
  await expect(conversation(page).getByText(/^Result from everything in \d+ ms/)).toBeVisible();

  await page.getByLabel('When the model calls get-sum').selectOption('never');
  await ask(page, 'And the sum of 3 and 4 with get-sum?');
  await expect(conversation(page).getByText('Awaiting result')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Run on everything/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
});
