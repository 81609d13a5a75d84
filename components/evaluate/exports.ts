/**
 * The Evaluate panel's downloads: the test cases as JSON Lines, the scorecard as CSV and as JSON, each
 * named after the scenario. The formats are lib/evaluate's, loaded when first used.
 */
import type { Scenario } from '@/lib/scenario/base';
import { scenarioFileName } from '@/lib/scenario/library';
import { downloadText } from '@/components/scenario/download';

function stem(scenario: Scenario): string {
  return scenarioFileName(scenario).replace(/\.json$/, '');
}

export async function exportCases(scenario: Scenario): Promise<string> {
  const { casesToJsonl } = await import('@/lib/evaluate/jsonl');
  return downloadText(`${stem(scenario)}-test-cases.jsonl`, casesToJsonl(scenario.test_cases ?? []), 'application/jsonl');
}

export async function exportScorecard(scenario: Scenario, format: 'csv' | 'json'): Promise<string> {
  const { scorecardCsv, scorecardJson } = await import('@/lib/evaluate/scorecard');
  if (!scenario.scorecard) throw new Error('there is no scorecard yet');
  return format === 'csv'
    ? downloadText(`${stem(scenario)}-scorecard.csv`, scorecardCsv(scenario.scorecard), 'text/csv')
    : downloadText(`${stem(scenario)}-scorecard.json`, scorecardJson(scenario.scorecard), 'application/json');
}
