/**
 * The bases of the share-link formats: a link of format n leaves out every field equal to its base, so
 * each base decides what existing links mean and never changes (share-link.test.ts pins them); a new
 * base is a new format.
 */
import { OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';
import { deepFreeze, GUIDE_SYSTEM_PROMPT, WEATHER_TOOL, type Scenario } from './scenario';

/**
 * Format 1's base: a format-1 link leaves out every field equal to this. It is the default scenario as it
 * was when format 1 was published, and must never change: it decides what existing links mean (a test
 * pins it). Its mocks are format 1's (text); restoreScenario migrates them.
 */
export const FORMAT_1_BASE = deepFreeze({
  version: 1,
  name: 'Weather in three cities',
  model: OFFLINE_SIMULATOR_ID,
  system: GUIDE_SYSTEM_PROMPT,
  tools: [WEATHER_TOOL],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  temperature: null,
  max_tokens: null,
  mocks: { get_current_weather: '{"temperature": 22, "unit": "celsius", "description": "Sunny"}' },
  messages: [],
  draft: 'What is the current temperature of New York, San Francisco, and Chicago?',
});

/** Fields added to the scenario after format 1 was published, empty in every format-1 link. */
export const FORMAT_1_LATER_FIELDS = deepFreeze({ results: {}, inspector: [], result_schemas: {} });

/**
 * Format 2's base, likewise frozen for ever: the default scenario when format 2 was published (the
 * weather rules, one per city). Not DEFAULT_SCENARIO itself, which may change.
 */
export const FORMAT_2_BASE: Scenario = deepFreeze<Scenario>({
  version: 2,
  name: 'Weather in three cities',
  model: OFFLINE_SIMULATOR_ID,
  system: GUIDE_SYSTEM_PROMPT,
  tools: [WEATHER_TOOL],
  tool_choice: 'auto',
  parallel_tool_calls: true,
  temperature: null,
  max_tokens: null,
  mocks: {
    get_current_weather: {
      kind: 'rules',
      rules: [
        { when: '{"location": "New York"}', result: '{"temperature": 22, "unit": "celsius", "description": "Sunny"}' },
        { when: '{"location": "San Francisco"}', result: '{"temperature": 16, "unit": "celsius", "description": "Foggy"}' },
        { when: '{"location": "Chicago"}', result: '{"temperature": 18, "unit": "celsius", "description": "Partly cloudy"}' },
      ],
      default: '{"temperature": 20, "unit": "celsius", "description": "Clear"}',
    },
  },
  result_schemas: {},
  messages: [],
  draft: 'What is the current temperature of New York, San Francisco, and Chicago?',
  results: {},
  inspector: [],
});
