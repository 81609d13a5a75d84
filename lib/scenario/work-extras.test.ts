import { describe, expect, it } from 'vitest';
import { cloneScenario, DEFAULT_SCENARIO } from './scenario';
import { finishedWeatherScenario } from './templates';
import {
  extrasFor,
  needsConfirmation,
  parseExtras,
  scenarioFingerprint,
  serializeExtras,
  type WorkExtras,
} from './work-extras';

describe('scenarioFingerprint', () => {
  it('is stable for equal scenarios and differs for any change', () => {
    const a = cloneScenario(DEFAULT_SCENARIO);
    expect(scenarioFingerprint(a)).toBe(scenarioFingerprint(cloneScenario(DEFAULT_SCENARIO)));
    expect(scenarioFingerprint({ ...a, draft: `${a.draft}!` })).not.toBe(scenarioFingerprint(a));
    expect(scenarioFingerprint(finishedWeatherScenario())).not.toBe(scenarioFingerprint(a));
    expect(scenarioFingerprint({ ...a, name: 'x' })).not.toBe(scenarioFingerprint({ ...a, name: 'y' }));
  });

  it('ignores the order of keys (the page and storage build scenarios in different orders)', () => {
    const a = finishedWeatherScenario();
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    reordered.messages = a.messages.map((m) => Object.fromEntries(Object.entries(m).reverse()) as typeof m);
    expect(scenarioFingerprint(reordered)).toBe(scenarioFingerprint(a));
  });

  it('counts half-typed tools text as work of its own', () => {
    const a = cloneScenario(DEFAULT_SCENARIO);
    expect(scenarioFingerprint(a, '[{')).not.toBe(scenarioFingerprint(a));
    expect(scenarioFingerprint(a, '[{')).not.toBe(scenarioFingerprint(a, '[{"'));
    expect(scenarioFingerprint(a, '[{')).toBe(scenarioFingerprint(a, '[{'));
  });
});

describe('needsConfirmation', () => {
  it('asks only when unsaved work would be replaced by something different', () => {
    expect(needsConfirmation({ current: 'a', baseline: 'a', incoming: 'b' })).toBe(false);
    expect(needsConfirmation({ current: 'a', baseline: 'z', incoming: 'a' })).toBe(false);
    expect(needsConfirmation({ current: 'a', baseline: 'z', incoming: 'b' })).toBe(true);
    expect(needsConfirmation({ current: 'a', baseline: null, incoming: 'b' })).toBe(true);
  });
});

describe('extras', () => {
  const scenario = finishedWeatherScenario();
  const extras: WorkExtras = {
    scenario: scenarioFingerprint(scenario),
    toolsText: '[{"type": "function", ',
    baseline: null,
    savedId: 'abc',
    templateId: 'weather',
  };

  it('round-trips', () => {
    expect(parseExtras(serializeExtras(extras))).toEqual(extras);
  });

  it('reads anything unreadable as nothing, never throwing', () => {
    for (const raw of [null, '', '{', 'null', '[]', '{"toolsText": 1}', JSON.stringify({ ...extras, baseline: 5 })]) {
      expect(parseExtras(raw)).toBeNull();
    }
  });

  it('is trusted only beside the scenario it was written with', () => {
    expect(extrasFor(scenario, extras)).toEqual(extras);
    expect(extrasFor({ ...scenario, draft: 'changed elsewhere' }, extras)).toBeNull();
    expect(extrasFor(scenario, null)).toBeNull();
  });
});
