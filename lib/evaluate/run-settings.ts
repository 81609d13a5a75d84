/** What an evaluation takes from a scenario: everything a case's requests and mock results are made from. */
import type { Scenario } from '@/lib/scenario/base';

export type RunSettings = Pick<Scenario, 'system' | 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'temperature' | 'max_tokens' | 'mocks' | 'response_format'>;

export function runSettingsOf({ system, tools, tool_choice, parallel_tool_calls, temperature, max_tokens, mocks, response_format }: RunSettings): RunSettings {
  return { system, tools, tool_choice, parallel_tool_calls, temperature, max_tokens, mocks, ...(response_format ? { response_format } : {}) };
}
