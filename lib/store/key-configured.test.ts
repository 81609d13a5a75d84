/** Without a key on the server, Send is refused for any model but the simulator, saying why, before any call. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, cloneScenario } from '@/lib/scenario/base';
import type { ToolsLint } from '@/lib/tools/lint';
import type { ChatRequest } from '@/lib/wire/chat';
import { OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';
import { createPlaygroundStore } from './playground-store';
import { composerReason, mainConversation, NO_KEY_FOR_MODEL } from './selectors';

function makeStore(model: string) {
  const sent: ChatRequest[] = [];
  const lint = (text: string): ToolsLint => ({ tools: JSON.parse(text), problems: [], errorCount: 0 });
  const store = createPlaygroundStore(
    { ...cloneScenario(DEFAULT_SCENARIO), model },
    {
      streamChat: async (body) => {
        sent.push(body);
        return { status: 'done' };
      },
      lintNow: lint,
      lint: async (text) => lint(text),
      lintDelayMs: 10,
    },
  );
  store.getState().replaceTools(store.getState().tools.text);
  store.getState().patchSettings({ draft: 'Hello' });
  return { store, sent };
}

const reason = (store: ReturnType<typeof makeStore>['store']) => composerReason(store.getState(), mainConversation(store.getState()))?.text ?? null;

describe('a model the server cannot call', () => {
  it('is refused before Send when the server has no key, for a custom id as for a listed one', () => {
    for (const model of ['my-custom/model-1', 'gpt-4o']) {
      const { store, sent } = makeStore(model);
      store.getState().setKeyConfigured(false);
      expect(reason(store)).toBe(NO_KEY_FOR_MODEL);
      expect(store.getState().send()).toBe(false);
      expect(store.getState().settings.draft).toBe('Hello');
      expect(sent).toEqual([]);
    }
  });

  it('is sent once the server has a key, and while it is not known yet (the server answers then)', () => {
    for (const keyConfigured of [true, null]) {
      const { store, sent } = makeStore('my-custom/model-1');
      store.getState().setKeyConfigured(keyConfigured);
      expect(reason(store)).toBeNull();
      expect(store.getState().send()).toBe(true);
      expect(sent.map((body) => body.model)).toEqual(['my-custom/model-1']);
    }
  });

  it('leaves the offline simulator alone', () => {
    const { store, sent } = makeStore(OFFLINE_SIMULATOR_ID);
    store.getState().setKeyConfigured(false);
    expect(reason(store)).toBeNull();
    expect(store.getState().send()).toBe(true);
    expect(sent).toHaveLength(1);
  });
});
