/**
 * A scorecard as JUnit XML, the report CI systems show test by test: one `testsuite` per model, one
 * `testcase` per case (a fail carries its reasons as a `failure`, an error its message as an `error`).
 * Everything from the cases (ids, reasons, messages: the model's and the dataset's words) is escaped,
 * and characters XML 1.0 cannot carry at all (most control characters, lone surrogates) become U+FFFD.
 */
import type { CaseResult, Scorecard } from './types';

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** Text content: newlines kept as they are (they read better in a CI report than as references). */
const textContent = (text: string) => xmlEscape(text).replace(/&#10;/g, '\n');

const seconds = (ms: number | null) => ((ms ?? 0) / 1_000).toFixed(3);
const attributes = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');

function testcase(model: string, result: CaseResult): string {
  const head = `    <testcase${attributes({ name: result.id, classname: model, time: seconds(result.total_ms) })}`;
  if (result.error !== undefined) {
    return `${head}>\n      <error${attributes({ message: result.error, type: 'model call failed' })}>${textContent(result.error)}</error>\n    </testcase>`;
  }
  if (!result.pass) {
    const message = result.reasons[0] ?? 'The expectation was not met';
    return `${head}>\n      <failure${attributes({ message, type: 'expectation not met' })}>${textContent(result.reasons.join('\n'))}</failure>\n    </testcase>`;
  }
  return `${head}/>`;
}

export function scorecardJunit(scorecard: Scorecard): string {
  const totals = { tests: 0, failures: 0, errors: 0, ms: 0 };
  const suites = scorecard.models.map((score) => {
    const ms = score.cases.reduce((sum, result) => sum + (result.total_ms ?? 0), 0);
    totals.tests += score.total;
    totals.failures += score.failed;
    totals.errors += score.errors;
    totals.ms += ms;
    const head = `  <testsuite${attributes({ name: score.model, tests: score.total, failures: score.failed, errors: score.errors, skipped: 0, time: seconds(ms), timestamp: scorecard.ran_at })}>`;
    return [head, ...score.cases.map((result) => testcase(score.model, result)), '  </testsuite>'].join('\n');
  });
  const name = scorecard.cancelled ? 'Evaluation (cancelled before every case ran)' : 'Evaluation';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name, tests: totals.tests, failures: totals.failures, errors: totals.errors, time: seconds(totals.ms) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
