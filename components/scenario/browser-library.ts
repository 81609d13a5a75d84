/** The scenario library over the browser's storage, made once per page. */
import { createScenarioLibrary, type ScenarioLibrary } from '@/lib/scenario/library';
import { browserStorage } from './browser-storage';

let library: ScenarioLibrary | null = null;

export function browserLibrary(): ScenarioLibrary {
  library ??= createScenarioLibrary(browserStorage());
  return library;
}
