// Finds a Chromium for Playwright, installing one when none is there:
//   1. CHROMIUM_PATH (or PLAYWRIGHT_CHROMIUM_PATH), when set;
//   2. Playwright's own browser, when already downloaded;
//   3. a system Chromium (Debian's `chromium` package: /usr/bin/chromium);
//   4. Playwright's download (`npx playwright install chromium`), where the internet allows it;
//   5. Debian's `chromium` package through apt-get, when running as root (offline machines with a mirror).
// Prints the executable's path on stdout; exits 1 with the reason when nothing worked.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium-args.mjs';

export { CHROMIUM_ARGS };

const log = (message) => process.stderr.write(`[find-chromium] ${message}\n`);
const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function playwrightOwn() {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const systemChromium = () => SYSTEM_PATHS.find((path) => existsSync(path)) ?? null;

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = playwrightOwn() ?? systemChromium();
  if (found) return found;

  log('no Chromium found; trying Playwright\'s download');
  const download = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 300_000 });
  if (download.status === 0 && playwrightOwn()) return playwrightOwn();

  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log('Playwright\'s download failed; installing Debian\'s chromium package');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    const installed = systemChromium();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium is available. Install one (`npx playwright install chromium`, or `apt-get install chromium`), or set CHROMIUM_PATH to its executable.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.stdout.write(`${findChromium()}\n`);
  } catch (error) {
    log(error.message);
    process.exit(1);
  }
}
