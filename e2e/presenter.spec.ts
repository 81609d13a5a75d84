/**
 * Demo mode: the four steps of function calling drawn live in the presenter view, stepped through by
 * keyboard; a shared link replayed with the provider unreachable, then continued live; a rejected and
 * a failed call drawn as such. Screenshots at 1920×1080 and 1280×720 go to test-results/screens/.
 */
import type { Page } from '@playwright/test';
import { chooseModel, conversation, expect, expectAccessible, failureAlert, openPlayground, test } from './fixtures';

const PRESENTER_SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1280x720', width: 1280, height: 720 },
] as const;

const rail = (page: Page) => page.getByRole('list', { name: 'Steps of function calling' });
const diagram = (page: Page) => page.getByRole('list', { name: 'Sequence diagram' });
const currentRailStep = (page: Page) => rail(page).locator('[aria-current="step"]');
const stepCounter = (page: Page) => page.getByText(/^Step \d+ of \d+$/);

async function stepNumbers(page: Page): Promise<{ at: number; of: number }> {
  const text = (await stepCounter(page).textContent()) ?? '';
  const [, at, of] = /Step (\d+) of (\d+)/.exec(text) ?? [];
  return { at: Number(at), of: Number(of) };
}

for (const size of PRESENTER_SIZES) {
  test(`the default weather scenario presented live at ${size.name}, stepped through by keyboard to the answer`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await openPlayground(page);
    const shot = (step: string) => page.screenshot({ path: `test-results/screens/presenter-${size.name}-${step}.png` });
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.getByText('Live · offline-simulator')).toBeVisible();
    await expect(currentRailStep(page)).toHaveCount(0);
    await shot('0-start');
    await expectAccessible(page, 'presenter view, nothing sent yet');

    // The question is the scenario's draft: Enter in the Message box sends it.
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    // The simulator asks for three calls at once; the view follows the conversation as it happens.
    await expect(diagram(page).getByRole('button', { name: /^Model → App: tool_calls: get_current_weather/ })).toHaveCount(3);
    await expect(currentRailStep(page)).toContainText('Run the function');
    await expect(page.getByText('in parallel').first()).toBeVisible();
    await shot('1-tool-calls');
    await expectAccessible(page, 'presenter view, three calls waiting for approval');

    // ← goes back through the steps, → comes forward again; at the end → approves the next call.
    const end = await stepNumbers(page);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(stepCounter(page)).toHaveText(`Step ${end.at - 2} of ${end.of}`);
    await expect(currentRailStep(page)).toContainText('Call the model');
    await page.keyboard.press('ArrowRight');
    await expect(currentRailStep(page)).toContainText('The model asks for a tool');
    await expect(page.getByRole('region', { name: /The model asks for a tool/ })).toContainText('✓ Arguments match the schema');
    // Space steps on too, from anywhere but a text field (the Message box keeps its spaces).
    await page.getByRole('heading', { name: /^Step \d+ of \d+/ }).click();
    await page.keyboard.press('Space');
    await expect(stepCounter(page)).toHaveText(`Step ${end.at} of ${end.of}`);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight');
      await expect(conversation(page).getByRole('article', { name: 'Tool' })).toHaveCount(i + 1);
      // The view follows the result to the last step before → is pressed again (there it approves the next call).
      if (i < 2) await expect(stepCounter(page)).toHaveText(/^Step (\d+) of \1$/);
    }
    // The last result sent, the model is called again and answers from the results.
    const answer = conversation(page).getByRole('article', { name: 'Assistant' }).last();
    await expect(answer).toContainText('New York');
    await expect(currentRailStep(page)).toContainText('Call the model again');
    await expect(diagram(page).getByRole('button', { name: /^App → Person: Shows the answer/ })).toBeVisible();
    await expect(page.getByText(/It uses .* from the results/)).toBeVisible();
    await shot('2-answer');
    await expectAccessible(page, 'presenter view, the answer');

    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Present' })).toBeFocused();
    await expect(page.getByRole('list', { name: 'Steps of function calling' })).toBeVisible();
  });
}

/** Every article of the presenter's conversation, as text. */
const articleTexts = (page: Page) => conversation(page).getByRole('article').allInnerTexts();

/** The default weather loop with the simulator, to its answer, in the presenter view. */
async function presentedLoop(page: Page): Promise<void> {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next →' }).click();
  await expect(diagram(page).getByRole('button', { name: /^App → Person: Shows the answer/ })).toBeVisible();
}

test('a shared replay opens in the presenter view and plays back with the provider unreachable, then goes on live from a step', async ({ page, browser, upstream }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await presentedLoop(page);
  const recorded = await articleTexts(page);
  await page.getByRole('button', { name: 'Share replay' }).click();
  await expect(page.getByText(/as a replay in the presenter view/)).toBeVisible();
  const link = page.url();
  expect(link).toMatch(/#s=2\.[^&]+&view=replay$/);

  // A teammate's fresh browser, with every model call refused at the network.
  const teammate = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const tab = await teammate.newPage();
  const modelCalls: string[] = [];
  await teammate.route('**/api/v1/chat/completions', (route) => {
    modelCalls.push(route.request().url());
    return route.abort();
  });
  const before = (await upstream.requests()).length;
  await tab.goto(link);
  await expect(tab.getByText('Replay · no model is called')).toBeVisible();
  await expect(tab.getByRole('heading', { name: 'Press → to begin' })).toBeVisible();
  await expect(conversation(tab).getByRole('article')).toHaveCount(0);

  // At once up to the answer, then slowly, so that it is seen streaming in.
  const speed = tab.getByRole('combobox', { name: 'Replay speed' });
  await speed.selectOption('instant');
  await tab.getByRole('button', { name: 'Next →' }).focus();
  await tab.keyboard.press('ArrowRight');
  const { of: answerStep } = await stepNumbers(tab);
  for (let i = 2; i < answerStep; i++) await tab.keyboard.press('ArrowRight');
  await expect(stepCounter(tab)).toHaveText(`Step ${answerStep - 1} of ${answerStep}`);
  await speed.selectOption('slow');
  await tab.getByRole('button', { name: 'Next →' }).focus();
  await tab.keyboard.press('ArrowRight');
  const answer = conversation(tab).getByRole('article', { name: 'Assistant' }).last();
  const full = recorded.at(-1)!;
  await expect.poll(async () => (await answer.innerText()).length).toBeGreaterThan(10);
  expect((await answer.innerText()).length).toBeLessThan(full.length);
  await tab.screenshot({ path: 'test-results/screens/presenter-replay-streaming.png' });
  // → while it streams shows it whole.
  await tab.keyboard.press('ArrowRight');
  await expect.poll(() => answer.innerText()).toBe(full);
  expect(await articleTexts(tab)).toEqual(recorded);
  expect(modelCalls).toEqual([]);
  expect((await upstream.requests()).length).toBe(before);
  await expectAccessible(tab, 'presenter view, a replay at its end');

  // From the results, live: the cut conversation is sent to the simulator, which answers again.
  await teammate.unroute('**/api/v1/chat/completions');
  await tab.keyboard.press('ArrowLeft');
  await tab.keyboard.press('ArrowLeft');
  await expect(currentRailStep(tab)).toContainText('Run the function');
  await tab.getByRole('button', { name: 'From here, live' }).click();
  await expect(tab.getByText('Live · offline-simulator')).toBeVisible();
  await expect(conversation(tab).getByRole('article', { name: 'Assistant' }).last()).toContainText('New York');
  await expect(diagram(tab).getByRole('button', { name: /^App → Person: Shows the answer/ })).toBeVisible();
  expect(await articleTexts(tab)).toHaveLength(recorded.length);
  await tab.getByRole('button', { name: 'Leave' }).click();
  await expect(tab.getByRole('button', { name: 'Undo' })).toBeVisible();
  await teammate.close();
});

test('a rejected call and a failed function are drawn as such, and an arrow opens its call in the inspector', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Send' }).click();
  const results = page.getByRole('textbox', { name: 'Result for get_current_weather' });
  await expect(results).toHaveCount(3);
  await page.getByRole('button', { name: 'Reject' }).first().click();
  await results.nth(1).fill('{"error": "The weather service does not know San Francisco"}');
  await page.getByRole('button', { name: 'Approve' }).first().click();
  await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(conversation(page).getByRole('article', { name: 'Assistant' }).last()).toContainText(/Chicago/);

  await page.getByRole('button', { name: 'Diagram' }).click();
  const drawn = page.getByRole('region', { name: 'Sequence diagram of the conversation' });
  await expect(drawn.getByRole('img', { name: 'App → Tool: get_current_weather: declined, not run (declined)' })).toBeVisible();
  await expect(drawn.getByRole('img', { name: /^Tool → App: get_current_weather → error: The weather service does not know .*\(failed\)$/ })).toBeVisible();
  await expect(rail(page).locator('[aria-current="step"]')).toContainText('Call the model again');
  await page.screenshot({ path: 'test-results/screens/presenter-workbench-diagram.png' });
  await expectAccessible(page, 'the workbench with the diagram open');

  // The first request's arrow opens the first call in the inspector.
  await drawn.getByRole('button', { name: /^App → Model: 2 messages, 1 tool/ }).click();
  await expect(page.locator('details[open] > summary').filter({ hasText: 'Call 1' })).toBeFocused();
});

test('a failed model call and its retry are drawn as such', async ({ page, upstream, problems }) => {
  problems.expectFailedRequests(500);
  await upstream.script([
    { kind: 'error', status: 500, body: { error: { message: 'The provider is having a bad day', type: 'server_error' } } },
    { kind: 'text', content: 'It is 7 °C in Oslo.' },
  ]);
  await openPlayground(page);
  await chooseModel(page, 'gpt-4o');
  await page.getByRole('textbox', { name: 'Message' }).fill('How warm is Oslo?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(failureAlert(page)).toContainText('500');
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(diagram(page).getByRole('button', { name: /^Model → App: The model provider failed \(500\): The provider is having a .*\(failed\)$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Leave' }).click();
  await failureAlert(page).getByRole('button', { name: 'Retry' }).click();
  await expect(conversation(page).getByRole('article', { name: 'Assistant' })).toContainText('7 °C');
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(diagram(page).getByRole('button', { name: /^App → Model: Retry: 2 messages, 1 tool$/ })).toBeVisible();
  await expect(currentRailStep(page)).toContainText('Call the model');
  await page.screenshot({ path: 'test-results/screens/presenter-1280x800-failed-and-retry.png' });
  await expectAccessible(page, 'presenter view, a failed call and its retry');
});
