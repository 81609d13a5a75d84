/** Provider faults reach the person as clear alerts, and nothing typed or received is lost. */
import { aimlErrorStep, textChunks } from './upstream/fixtures.mjs';
import { chooseModel, conversation, expect, expectAccessible, failureAlert, openPlayground, test } from './fixtures';

test('an AI/ML API 403 body shows its own message in the alert', async ({ page, upstream, problems }) => {
  problems.expectFailedRequests(403);
  await upstream.script([aimlErrorStep(403, "You've run out of credits. Please top up your balance to continue.")]);
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await page.getByRole('button', { name: 'Send' }).click();
  const alert = failureAlert(page);
  await expect(alert).toContainText('403');
  await expect(alert).toContainText("You've run out of credits");
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a stream cut before [DONE] keeps the partial answer, marked incomplete, with Retry', async ({ page, upstream }) => {
  const chunks = textChunks('The weather in New York is sunny and the rest of this sentence never arrives', 12);
  await upstream.script([
    { kind: 'stream', chunks: chunks.slice(0, 6), cut: true },
    { kind: 'text', content: 'Complete answer after retry.' },
  ]);
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me about New York');
  await page.getByRole('button', { name: 'Send' }).click();

  const alert = failureAlert(page);
  await expect(alert).toContainText(/cut off/i);
  const partial = conversation(page).getByRole('article', { name: 'Assistant' }).last();
  await expect(partial).toContainText('The weather in New York');
  await expect(partial).toContainText(/incomplete/i);
  await expectAccessible(page, 'a reply cut off, marked incomplete, with its alert');

  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText('Complete answer after retry.');
  await expect(failureAlert(page)).toHaveCount(0);
});
