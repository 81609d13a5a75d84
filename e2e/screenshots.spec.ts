/**
 * Screenshots of the page a person sees, at desktop and phone size, light and dark: loaded, with the
 * tool-call cards, and with the final answer. Written to test-results/screens/ for a person to look at.
 */
import { answeredCalls, expect, expectAccessible, openPlayground, resultEditors, test, COLOR_SCHEMES, onScreen, SCREEN_SIZES } from './fixtures';

for (const size of SCREEN_SIZES) {
  for (const scheme of COLOR_SCHEMES) {
    test(`screenshots at ${size.width}×${size.height}, ${scheme}`, async ({ page }) => {
      const shot = await onScreen(page, '', size, scheme);
      await openPlayground(page);
      await shot('loaded');

      const chat = page.getByRole('tab', { name: 'Chat' });
      if (await chat.isVisible()) await chat.click();
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(resultEditors(page)).toHaveCount(3);
      await shot('tool-calls');
      await expectAccessible(page, `${size.name}, ${scheme}: three tool calls awaiting results`);

      // One card at a time, as a person taps: each Approve once the one before it has been answered.
      for (let i = 0; i < 3; i++) {
        await page.getByRole('group', { name: 'Tool call get_current_weather' }).nth(i).getByRole('button', { name: 'Approve' }).click();
        await expect(answeredCalls(page)).toHaveCount(i + 1);
      }
      await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
      await shot('answer');

      // On a phone the other two areas are tabs the end of the test does not see.
      if (await chat.isVisible()) {
        for (const area of ['Tools', 'Settings']) {
          await page.getByRole('tab', { name: area }).click();
          await expect(page.getByRole('tab', { name: area })).toHaveAttribute('aria-selected', 'true');
          await expectAccessible(page, `${size.name}, ${scheme}: the ${area} tab`);
        }
      }
    });
  }
}
