/**
 * `npm run bench:conversation` — the page with a long conversation, in headless Chromium against the
 * production build (.next-bench) and the scripted test upstream.
 *
 * A scenario with LONG messages and 100 tool calls (ten tools; turns of five parallel calls, their
 * results and answers, among plain turns) is opened through a share link (`#s=`, lib/scenario/share-link.ts),
 * and so is one with 10 messages. For each, in a fresh browser context:
 *   - time until every message is rendered (one article per message in the "Conversation" log, a tool
 *     result counted in the card of the call it answers, where it shows);
 *   - responsiveness: the slowest key press while typing into "Message" (Event Timing API duration:
 *     input delay + handlers + the next frame), and the long tasks during the load;
 *   - time to append one streamed message: press "Send" → the reply (100 chunks from the upstream)
 *     rendered whole and the log no longer busy.
 * Budget: append at LONG messages ≤ 3× append at 10 messages (medians, visits alternating).
 *
 * LONG is 300 when the app's message limit (LIMITS.maxMessages, lib/wire/chat.ts) allows one more turn on
 * top, else that limit minus 6; what a 300-message link shows is reported as well.
 * Options: --quick (fewer runs, nothing recorded), --no-record.
 */
import {
  benchOptions, cleanup, figure, fmt, log, median, onCleanup, provenance, recordResults, startApp, startUpstream, withDeadline,
} from './lib/harness.mjs';
import { freshPage, launchBrowser } from './lib/browser.mjs';
import { conversation, scenarioWith } from './lib/scenarios.mjs';
import { requireTs } from './lib/ts-require.mjs';
import { streamChunks, splitWords } from '../e2e/upstream/protocol.mjs';

const { quick, record, command } = benchOptions('bench:conversation');
const RUNS = quick ? 2 : 5;
const RATIO_BUDGET = 3;
const INPUT_BUDGET_MS = 200; // "good" Interaction to Next Paint

const { shareUrl } = requireTs('lib/scenario/share-link.ts');
const { LIMITS } = requireTs('lib/wire/chat.ts');
const WANTED = 300;
// The request for the next turn holds the system prompt, the history and the new message.
const LONG = Math.min(WANTED, LIMITS.maxMessages - 6);
const SMALL = 10;
const stopDeadline = withDeadline(quick ? 240_000 : 420_000, 'bench:conversation');

const REPLY_WORDS = 99;
const REPLY = `${Array.from({ length: REPLY_WORDS }, (_, i) => `${i === 0 ? '' : ' '}word${i}`).join('')} END-OF-REPLY`;
const replyStep = {
  kind: 'stream',
  repeat: -1,
  chunks: streamChunks({
    id: 'chatcmpl-bench-append', model: 'gpt-4o-2024-08-06', created: 1_727_000_000, content: REPLY, calls: [], finishReason: 'stop',
    splitContent: splitWords,
  }),
};

const scenarios = {
  small: scenarioWith({ name: `${SMALL} messages`, messages: conversation({ messages: SMALL, toolCalls: 5, callTurns: 1 }) }),
  long: scenarioWith({ name: `${LONG} messages`, messages: conversation({ messages: LONG, toolCalls: 100, callTurns: 20 }) }),
  wanted: scenarioWith({ name: `${WANTED} messages`, messages: conversation({ messages: WANTED, toolCalls: 100, callTurns: 20 }) }),
};
for (const s of Object.values(scenarios)) s.model = 'gpt-4o'; // through the proxy to the test upstream

const upstream = await startUpstream();
onCleanup(() => upstream.close());
await upstream.script([replyStep]);
const app = await startApp({ upstreamUrl: upstream.url, env: { AIML_API_TIMEOUT_MS: '10000' } });
onCleanup(() => app.stop());
const browser = await launchBrowser();
onCleanup(() => browser.close());

/** Event Timing and Long Tasks, collected from the start of the page. */
const PERF_PROBE = () => {
  window.__perf = { events: [], longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__perf.events.push({ name: e.name, duration: e.duration, start: e.startTime });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__perf.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

const articles = (page) => page.locator('[role="log"][aria-label="Conversation"] article');

/**
 * In the page: the messages the log shows — its articles, and the tool results shown in their calls'
 * cards ("Result sent"), which are not articles of their own (each result shows once).
 */
function shownMessages() {
  const log = document.querySelector('[role="log"][aria-label="Conversation"]');
  if (!log) return 0;
  const results = [...log.querySelectorAll('[role="group"][aria-label^="Tool call "]')].filter((card) => card.textContent.includes('Result sent'));
  return log.querySelectorAll('article').length + results.length;
}

async function visit(which) {
  const scenario = scenarios[which];
  const count = scenario.messages.length;
  const { context, page } = await freshPage(browser);
  await page.addInitScript(PERF_PROBE);
  await page.addInitScript(`window.__shownMessages = ${shownMessages.toString()}`);
  await page.goto(shareUrl(app.url, scenario));
  // Rendered: every message shows (an article, or a result in its call's card).
  await page.waitForFunction(
    (n) => {
      if (window.__shownMessages?.() >= n) {
        window.__renderedAt ??= performance.now();
        return true;
      }
      return false;
    },
    count,
    { polling: 'raf', timeout: 60_000 },
  );
  const renderedAt = await page.evaluate(() => window.__renderedAt);
  const loadLongTasks = await page.evaluate(() => window.__perf.longTasks.reduce((sum, t) => sum + t.duration, 0));

  // Responsiveness: once the editor has loaded too, type into "Message", one key at a time, as a person does.
  await page.locator('.monaco-editor').first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForTimeout(500);
  const box = page.getByLabel('Message', { exact: true });
  await box.click();
  await box.press('End');
  const eventsBefore = await page.evaluate(() => window.__perf.events.length);
  await page.keyboard.type(' Thanks!', { delay: 60 });
  await page.waitForTimeout(300);
  const keyEvents = await page.evaluate((from) => window.__perf.events.slice(from).filter((e) => /key|input/.test(e.name)), eventsBefore);
  const slowestKey = keyEvents.length ? Math.max(...keyEvents.map((e) => e.duration)) : 0;

  // Append one streamed message: press Send, wait for the whole reply rendered and the log idle.
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await send.waitFor({ state: 'visible' });
  if (!(await send.isEnabled())) throw new Error(`${which}: Send is disabled`);
  const before = await articles(page).count();
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Send');
    window.__sentAt = performance.now();
    button.click();
  });
  await page.waitForFunction(
    (n) => {
      const log = document.querySelector('[role="log"][aria-label="Conversation"]');
      const list = log?.querySelectorAll('article') ?? [];
      const last = list[list.length - 1];
      if (list.length >= n + 2 && last?.textContent.includes('END-OF-REPLY') && log.getAttribute('aria-busy') !== 'true') {
        window.__appendedAt ??= performance.now();
        return true;
      }
      return false;
    },
    before,
    { polling: 'raf', timeout: 60_000 },
  );
  const append = await page.evaluate(() => window.__appendedAt - window.__sentAt);
  const alerts = (await page.getByRole('alert').allTextContents()).filter((t) => t.trim());
  await context.close();
  if (alerts.length) throw new Error(`${which}: the page shows an alert: ${alerts.join(' | ').slice(0, 300)}`);
  return { renderedAt, loadLongTasks, slowestKey, append, keyEvents: keyEvents.length };
}

// What a 300-message link shows, whatever the limit is.
let wantedShown;
{
  const { context, page } = await freshPage(browser);
  await page.goto(shareUrl(app.url, scenarios.wanted));
  await page.waitForFunction(() => document.querySelectorAll('[role="log"] article').length > 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(1_000);
  wantedShown = await page.evaluate(shownMessages);
  await context.close();
}
log(`a ${WANTED}-message link shows ${wantedShown} messages; measuring at ${LONG}`);

const results = { small: [], long: [] };
await visit('small'); // warm the server's routes and the upstream path
for (let i = 0; i < RUNS; i++) {
  for (const which of i % 2 === 0 ? ['small', 'long'] : ['long', 'small']) {
    const r = await visit(which);
    results[which].push(r);
    log(`${which}: rendered ${fmt(r.renderedAt, 0)} ms, slowest key ${fmt(r.slowestKey, 0)} ms, append ${fmt(r.append, 0)} ms`);
  }
}
// The request the app sent for the long conversation's next turn.
const sent = (await (await fetch(`${upstream.origin}/__requests`)).json()).map((r) => r.body?.messages?.length ?? 0);
await cleanup();
stopDeadline();

const m = (which, key) => median(results[which].map((r) => r[key]));
const ratio = m('long', 'append') / m('small', 'append');
const worstKey = (which) => Math.max(...results[which].map((r) => r.slowestKey));
console.log(`\nLong conversation (${command})`);
const rows = ['| figure | value | budget | result |', '|---|---|---|---|'];
rows.push(figure(`${WANTED}-message link: messages shown`, `${wantedShown}`, `${WANTED}`, wantedShown === WANTED));
rows.push(figure(`messages measured (long / small)`, `${LONG} (100 tool calls) / ${SMALL} (5)`, '—'));
rows.push(figure('rendered after load: long / small', `${fmt(m('long', 'renderedAt'), 0)} / ${fmt(m('small', 'renderedAt'), 0)} ms`, '—'));
rows.push(figure('long tasks during load: long / small', `${fmt(m('long', 'loadLongTasks'), 0)} / ${fmt(m('small', 'loadLongTasks'), 0)} ms`, '—'));
rows.push(figure('slowest key press per visit: long / small', `${fmt(m('long', 'slowestKey'), 0)} / ${fmt(m('small', 'slowestKey'), 0)} ms`, `≤ ${INPUT_BUDGET_MS} ms`, m('long', 'slowestKey') <= INPUT_BUDGET_MS));
rows.push(figure('  worst visit: long / small', `${fmt(worstKey('long'), 0)} / ${fmt(worstKey('small'), 0)} ms`, '—'));
rows.push(figure('append one streamed message: long / small', `${fmt(m('long', 'append'), 0)} / ${fmt(m('small', 'append'), 0)} ms`, '—'));
rows.push(figure(`append at ${LONG} / append at ${SMALL}`, fmt(ratio, 2), `≤ ${RATIO_BUDGET}`, ratio <= RATIO_BUDGET));
rows.push(figure('messages in the longest request sent upstream', String(Math.max(...sent)), `≤ ${LIMITS.maxMessages}`));

if (record) {
  recordResults('bench:conversation', 'Long conversation (bench/long-conversation.mjs)', [
    ...provenance(command, [
      `- method: headless Chromium, 1280×800, fresh context per visit, ${RUNS} visits per size alternating, medians; scenarios opened by share link (\`#s=\`), model gpt-4o → the proxy → the test upstream, which streams a ${REPLY_WORDS + 1}-word reply (${replyStep.chunks.length} chunks, back to back)`,
      `- rendered = first animation frame with one article per message in the "Conversation" log (performance.now() from navigation start); slowest key press = largest Event Timing duration of the key/input events while typing 8 characters 60 ms apart once the editor has loaded (median over visits; budget: "good" INP); append = from the click on "Send" to the first animation frame with the whole reply rendered and the log not aria-busy`,
      `- LIMITS.maxMessages (lib/wire/chat.ts) = ${LIMITS.maxMessages}: a ${WANTED}-message scenario does not fit (the link opens with ${wantedShown} messages), so the long case has ${LONG} messages, leaving room for the next turn's request (system + history + new message)`,
    ]),
    ...rows,
  ]);
  log('recorded in bench/RESULTS.md');
}
