import { readFileSync } from 'node:fs';
import { sharedAvailable, sharedPath } from '@/lib/testing/shared';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupByProvider, modelCatalogue, OFFLINE_SIMULATOR_ID, UPSTREAM_MODELS } from './models';

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

  it('puts the simulator first and marks upstream models available only with a key', () => {
    const withoutKey = modelCatalogue(false);
    expect(withoutKey).toHaveLength(54);
    expect(withoutKey[0]).toMatchObject({ id: OFFLINE_SIMULATOR_ID, available: true, function_calling: true });
    expect(withoutKey.slice(1).every((model) => !model.available)).toBe(true);
    expect(modelCatalogue(true).every((model) => model.available && model.object === 'model')).toBe(true);
  });

  it('groups by provider in order of first appearance', () => {
    const groups = groupByProvider(modelCatalogue(true)).map(([provider, models]) => [provider, models.length]);
    expect(groups.map(([provider]) => provider)).toEqual(['Built in', 'Anthropic', 'Alibaba Cloud', 'Google', 'Meta', 'MiniMax', 'OpenAI', 'Mistral AI']);
    expect(groups.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(54);
  });
});
