import { readFileSync } from 'node:fs';
import { sharedAvailable, sharedPath } from '@/lib/testing/shared';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CARELESS_SIMULATOR_ID, CARELESS_SIMULATOR_LABEL, groupByProvider, isSimulatorModel, mergeProviderModels, modelCatalogue,
  OFFLINE_SIMULATOR_ID, OTHER_PROVIDER_MODELS, UPSTREAM_MODELS,
} from './models';

const SEEDS = sharedPath('seeds');

/** Model ids as the two source documents list them: backticked bullets in the guide, bare lines at the end of the page. */
function idsFromSeeds(): string[] {
  const guide = readFileSync(join(SEEDS, '000_15da291a6515dc4b.txt'), 'utf8');
  const guideIds = [...guide.matchAll(/^\* `([^`]+)`$/gm)].map((match) => match[1]);
  const page = readFileSync(join(SEEDS, '001_69b78377047a2b03.txt'), 'utf8');
  const tail = page.slice(page.lastIndexOf('Was this helpful?'));
  const pageIds = tail.split('\n').map((line) => line.trim()).filter((line) => /^[A-Za-z0-9][\w.:/-]+$/.test(line) && /\d|-/.test(line));
  return [...pageIds, ...guideIds];
}

describe('the model catalogue', () => {
  it('has the 53 distinct upstream ids of the two source lists, current page first', () => {
    const ids = UPSTREAM_MODELS.map(([id]) => id);
    expect(ids).toHaveLength(53);
    expect(new Set(ids).size).toBe(53);
    expect(ids[0]).toBe('claude-3-5-sonnet-20240620');
    expect(ids).toContain('openai/o4-mini-2025-04-16');
    expect(ids).toContain('togethercomputer/CodeLlama-34b-Instruct');
    expect(ids.at(-1)).toBe('gpt-3.5-turbo-0613');
  });

  it.runIf(sharedAvailable())('matches the union of the lists in ../shared/seeds exactly', () => {
    expect(UPSTREAM_MODELS.map(([id]) => id)).toEqual([...new Set(idsFromSeeds())]);
  });

  it('puts the simulator and its careless persona first and marks upstream models available only with a key', () => {
    const withoutKey = modelCatalogue(false);
    expect(withoutKey).toHaveLength(55);
    expect(withoutKey[0]).toMatchObject({ id: OFFLINE_SIMULATOR_ID, available: true, function_calling: true, provider: 'Built in' });
    expect(withoutKey[1]).toMatchObject({ id: CARELESS_SIMULATOR_ID, name: CARELESS_SIMULATOR_LABEL, available: true, provider: 'Built in' });
    expect(withoutKey.slice(2).every((model) => !model.available)).toBe(true);
    expect(modelCatalogue(true).every((model) => model.available && model.object === 'model')).toBe(true);
  });

  it('groups by provider in order of first appearance', () => {
    const groups = groupByProvider(modelCatalogue(true)).map(([provider, models]) => [provider, models.length]);
    expect(groups.map(([provider]) => provider)).toEqual(['Built in', 'Anthropic', 'Alibaba Cloud', 'Google', 'Meta', 'MiniMax', 'OpenAI', 'Mistral AI']);
    expect(groups.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(55);
  });
});

describe('isSimulatorModel', () => {
  it('is true for the simulator and its personas only', () => {
    expect(isSimulatorModel(OFFLINE_SIMULATOR_ID)).toBe(true);
    expect(isSimulatorModel(CARELESS_SIMULATOR_ID)).toBe(true);
    expect(isSimulatorModel('gpt-4o')).toBe(false);
    expect(isSimulatorModel('offline-simulator-other')).toBe(false);
    expect(isSimulatorModel('')).toBe(false);
  });
});

describe('mergeProviderModels', () => {
  const catalogue = modelCatalogue(true);

  it('keeps every catalogue model, in place and with its label, and adds the others under their own heading', () => {
    const merged = mergeProviderModels(catalogue, [{ id: 'o3-mini' }, { id: 'gpt-4o' }, { id: 'acme/new-model' }]);
    expect(merged.slice(0, catalogue.length)).toEqual(catalogue);
    expect(merged.find((m) => m.id === 'gpt-4o')).toMatchObject({ name: 'GPT-4o', provider: 'OpenAI', function_calling: true });
    expect(merged.slice(catalogue.length)).toEqual([
      { id: 'o3-mini', name: 'o3-mini', provider: OTHER_PROVIDER_MODELS, available: true, function_calling: null },
      { id: 'acme/new-model', name: 'acme/new-model', provider: OTHER_PROVIDER_MODELS, available: true, function_calling: null },
    ]);
  });

  it('keeps known models the provider does not list, and lists a repeated or simulator id once', () => {
    const merged = mergeProviderModels(catalogue, [{ id: 'x-1' }, { id: 'x-1' }, { id: OFFLINE_SIMULATOR_ID }]);
    expect(merged).toHaveLength(catalogue.length + 1);
    expect(merged.filter((m) => m.id === OFFLINE_SIMULATOR_ID)).toHaveLength(1);
    expect(merged.at(-1)?.id).toBe('x-1');
  });

  it('treats ids such as __proto__ as data', () => {
    const merged = mergeProviderModels(catalogue, [{ id: '__proto__' }, { id: 'constructor' }]);
    expect(merged.slice(-2).map((m) => m.id)).toEqual(['__proto__', 'constructor']);
  });

  it('groups the others last, after every provider of the catalogue', () => {
    const groups = groupByProvider(mergeProviderModels(catalogue, [{ id: 'o3-mini' }]));
    expect(groups.at(-1)?.[0]).toBe(OTHER_PROVIDER_MODELS);
    expect(groups.map(([name]) => name).filter((name) => name === OTHER_PROVIDER_MODELS)).toHaveLength(1);
  });
});
