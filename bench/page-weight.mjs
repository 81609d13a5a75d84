/**
 * `npm run bench:page` — what the first visit to `/` costs, from the production build in .next-bench.
 *
 * 1. First-load JS of `/`, gzip: the `<script src>` files of the HTML the app serves for `/` (rendered
 *    per request, for its CSP nonce; Next 16 no longer prints First Load JS), read from the dist dir's static/
 *    and gzipped here (zlib level 9, as Next's old report did). `noModule` polyfills are left out (modern
 *    browsers skip them) and shown apart, as are the inline RSC payload and the CSS. Monaco is not part
 *    of it. Budget ≤ 200 KB. For reference, every other JS file the page fetched until usable.
 * 2. Monaco: the files under /monaco/ that Chromium actually requested while the editor loaded, gzipped
 *    from public/; checked to come from the app's own origin (no request at all leaves it), and to
 *    start after the first contentful paint (Performance API: first /monaco/ resource startTime vs FCP).
 * 3. Time until usable — the `.monaco-editor` visible and the "Send" button enabled — against the time
 *    the same build's 404 page (a minimal page: layout only) takes to load, as a ratio; fresh context
 *    (empty cache) each time, alternating, median of RUNS.
 *
 * Options: --quick (fewer runs, nothing recorded), --no-record.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  DIST_DIR, ROOT, benchOptions, cleanup, figure, fmt, log, median, onCleanup, provenance, recordResults, startApp, startUpstream, withDeadline,
} from './lib/harness.mjs';
import { freshPage, launchBrowser } from './lib/browser.mjs';

const { quick, record, command } = benchOptions('bench:page');
const RUNS = quick ? 3 : 7;
const BUDGET_KB = 200;
const stopDeadline = withDeadline(240_000, 'bench:page');

const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const kb = (bytes) => bytes / 1000;
const dist = path.join(ROOT, DIST_DIR);

// ── 1. first-load JS from the page's HTML (rendered per request: app/layout.tsx) ─────────────────
const upstream = await startUpstream();
onCleanup(() => upstream.close());
const app = await startApp({ upstreamUrl: upstream.url });
onCleanup(() => app.stop());
const html = await (await fetch(`${app.url}/`)).text();
/** A /_next/static/ URL → its file in the dist dir. */
const staticFile = (url) => path.join(dist, 'static', decodeURIComponent(new URL(url, 'http://app').pathname.replace(/^\/_next\/static\//, '')));
const scriptTags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attrs, body]) => ({
  src: /\bsrc="([^"]+)"/.exec(attrs)?.[1],
  noModule: /\bnoModule\b/i.test(attrs),
  body,
}));
const firstLoad = [...new Set(scriptTags.filter((s) => s.src && !s.noModule).map((s) => s.src))].map((src) => {
  const bytes = readFileSync(staticFile(src));
  return { src, raw: bytes.length, gzip: gz(bytes) };
});
const polyfills = scriptTags.filter((s) => s.src && s.noModule).map((s) => gz(readFileSync(staticFile(s.src))));
const inlineGzip = gz(Buffer.from(scriptTags.filter((s) => !s.src).map((s) => s.body).join('\n')));
const css = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map(([, href]) => gz(readFileSync(staticFile(href))));
const firstLoadGzip = firstLoad.reduce((sum, f) => sum + f.gzip, 0);
const sum = (values) => values.reduce((a, b) => a + b, 0);
log(`first-load JS: ${firstLoad.length} files, ${fmt(kb(firstLoadGzip), 1)} KB gzip`);

// ── 2 & 3. in Chromium ────────────────────────────────────────────────────────────────────────────
const origin = new URL(app.url).origin;
const browser = await launchBrowser();
onCleanup(() => browser.close());

/** Marks the moment (performance.now()) the editor is visible and Send enabled; checked every frame. */
const USABLE_PROBE = () => {
  const check = () => {
    const editor = document.querySelector('.monaco-editor');
    const visible = editor && editor.getClientRects().length > 0 && getComputedStyle(editor).visibility !== 'hidden';
    const send = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Send');
    if (visible && send && !send.disabled) {
      window.__usableAt = performance.now();
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

async function visitPlayground() {
  const { context, page } = await freshPage(browser);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(USABLE_PROBE);
  await page.goto(`${app.url}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__usableAt !== undefined, undefined, { timeout: 30_000 });
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const monaco = performance.getEntriesByType('resource').filter((e) => e.name.includes('/monaco/'));
    return {
      usable: window.__usableAt,
      fcp,
      firstMonacoStart: monaco.length ? Math.min(...monaco.map((e) => e.startTime)) : NaN,
      resources: performance.getEntriesByType('resource').map((e) => e.name),
    };
  });
  await context.close();
  return { ...timing, requests };
}

async function visitMinimal() {
  const { context, page } = await freshPage(browser);
  const response = await page.goto(`${app.url}/bench-no-such-page`, { waitUntil: 'load' });
  if (response?.status() !== 404) throw new Error(`expected the 404 page, got ${response?.status()}`);
  const loaded = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return nav.loadEventEnd;
  });
  await context.close();
  return loaded;
}

const usable = [];
const minimal = [];
const visits = [];
await visitPlayground(); // warm the server (routes compiled into memory), not the browser: each visit has a fresh cache
await visitMinimal();
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 === 0 ? ['page', 'min'] : ['min', 'page'];
  for (const which of order) {
    if (which === 'page') {
      const visit = await visitPlayground();
      visits.push(visit);
      usable.push(visit.usable);
    } else minimal.push(await visitMinimal());
  }
}

// Monaco files as requested (the first visit's list; every visit asks for the same ones).
const monacoUrls = [...new Set(visits[0].requests.filter((u) => new URL(u).pathname.startsWith('/monaco/')))];
const monacoFiles = monacoUrls.map((u) => {
  const file = path.join(ROOT, 'public', decodeURIComponent(new URL(u).pathname));
  const bytes = readFileSync(file);
  return { url: u, raw: bytes.length, gzip: gz(bytes) };
});
const monacoGzip = sum(monacoFiles.map((f) => f.gzip));
const foreign = [...new Set(visits.flatMap((v) => v.requests).filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin))];
const monacoForeign = monacoUrls.filter((u) => new URL(u).origin !== origin);
const monacoAfterPaint = visits.map((v) => v.firstMonacoStart - v.fcp);
const allAfterPaint = monacoAfterPaint.every((d) => d >= 0);
// Other JS fetched before the page was usable (lazy chunks such as the editor wrapper), for reference.
const laterJs = [...new Set(visits[0].resources.filter((u) => /\/_next\/static\/.*\.js(\?|$)/.test(u)))]
  .map((u) => new URL(u).pathname)
  .filter((p) => !firstLoad.some((f) => new URL(f.src, 'http://app').pathname === p));
const laterJsGzip = sum(laterJs.map((p) => gz(readFileSync(staticFile(p)))));

await cleanup();
stopDeadline();

const usableMs = median(usable);
const minimalMs = median(minimal);
console.log(`\nPage weight (${command})`);
const rows = ['| figure | value | budget | result |', '|---|---|---|---|'];
rows.push(figure('first-load JS of / (gzip, Monaco excluded)', `${fmt(kb(firstLoadGzip), 1)} KB`, `≤ ${BUDGET_KB} KB`, kb(firstLoadGzip) <= BUDGET_KB));
rows.push(figure('  files (script src of the served HTML)', `${firstLoad.length} (${fmt(kb(sum(firstLoad.map((f) => f.raw))), 1)} KB raw)`, '—'));
rows.push(figure('  noModule polyfills (skipped by modern browsers)', `${fmt(kb(sum(polyfills)), 1)} KB`, '—'));
rows.push(figure('  inline scripts (RSC payload, bootstrap)', `${fmt(kb(inlineGzip), 1)} KB`, '—'));
rows.push(figure('  CSS', `${fmt(kb(sum(css)), 1)} KB`, '—'));
rows.push(figure('other JS fetched until usable (lazy chunks)', `${fmt(kb(laterJsGzip), 1)} KB (${laterJs.length} files)`, '—'));
rows.push(figure('Monaco as loaded (gzip)', `${fmt(kb(monacoGzip), 1)} KB (${monacoFiles.length} files, ${fmt(kb(sum(monacoFiles.map((f) => f.raw))), 1)} KB raw)`, '—'));
rows.push(figure('Monaco served from the app origin', monacoForeign.length === 0 ? 'yes' : `no: ${monacoForeign.join(', ')}`, 'yes', monacoForeign.length === 0));
rows.push(figure('requests to any other origin', String(foreign.length), '0', foreign.length === 0));
rows.push(figure('first /monaco/ request − first contentful paint', `${fmt(median(monacoAfterPaint), 0)} ms (min ${fmt(Math.min(...monacoAfterPaint), 0)})`, '≥ 0 (after paint)', allAfterPaint));
rows.push(figure('time until usable: / (editor + Send)', `${fmt(usableMs, 0)} ms`, '—'));
rows.push(figure('load of a minimal page (the 404 page)', `${fmt(minimalMs, 0)} ms`, '—'));
rows.push(figure('usable / minimal page', fmt(usableMs / minimalMs, 2), '—'));
for (const u of foreign) console.log(`  foreign request: ${u}`);

if (record) {
  recordResults('bench:page', 'Page weight and time to usable (bench/page-weight.mjs)', [
    ...provenance(command, [
      `- first-load JS: \`<script src>\` files of the HTML served for \`/\` read from \`${DIST_DIR}/static\`, gzip level 9 per file: ${firstLoad.map((f) => `${path.basename(f.src)} ${fmt(kb(f.gzip), 1)}`).join(', ')} (KB)`,
      `- Monaco: files under /monaco/ requested by Chromium while the editor loaded, gzip level 9 from public/: ${monacoFiles.map((f) => `${new URL(f.url).pathname.replace('/monaco/vs/', '')} ${fmt(kb(f.gzip), 1)}`).join(', ')} (KB)`,
      `- timing: headless Chromium (${'/usr/bin/chromium or Playwright\'s'}), 1280×800, fresh context each visit, ${RUNS} visits of each page alternating, medians; usable = first animation frame with \`.monaco-editor\` visible and "Send" enabled (performance.now() from navigation start); minimal page = the 404 page of the same build, loadEventEnd`,
    ]),
    ...rows,
  ]);
  log('recorded in bench/RESULTS.md');
}
