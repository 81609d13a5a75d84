/** Downloads: "Export .json" (the scenario as a file, named after it), and any text the page exports. */
import type { Scenario } from '@/lib/scenario/base';
import { scenarioFileName, serializeScenarioFile } from '@/lib/scenario/library';

/** Offers `text` as a file named `name`; returns the name. */
export function downloadText(name: string, text: string, type: string): string {
  const url = URL.createObjectURL(new Blob([text], { type }));
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

export function downloadScenarioFile(scenario: Scenario): string {
  return downloadText(scenarioFileName(scenario), serializeScenarioFile(scenario), 'application/json');
}
