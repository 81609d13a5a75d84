/**
 * Headless Chromium for the page benchmarks: the system or Playwright browser that
 * scripts/find-chromium.mjs finds, with the flags that keep it off the network on a closed machine.
 * Every page is checked to ask nothing of an origin other than the app's.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';


export async function launchBrowser() {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

/** A fresh context (empty cache and storage) of the size the app is designed at. */
export async function freshPage(browser, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  return { context, page };
}
