/** "Export .json": the scenario as a file download, named after the scenario. */
import type { Scenario } from '@/lib/scenario/base';
import { scenarioFileName, serializeScenarioFile } from '@/lib/scenario/library';

export function downloadScenarioFile(scenario: Scenario): string {
  const name = scenarioFileName(scenario);
  const url = URL.createObjectURL(new Blob([serializeScenarioFile(scenario)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() has returned.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
