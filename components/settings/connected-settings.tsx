'use client';

/** The settings panel over the store: the scenario's model and request settings. */
import { useEffect } from 'react';
import { functionNames } from '@/lib/store/selectors';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { SettingsPanel } from './settings-panel';
import { useModels } from './use-models';

export function ConnectedSettings() {
  const store = usePlaygroundStore();
  const { settings, names } = usePlayground((s) => ({ settings: s.settings, names: functionNames(s).join('\n') }));
  // The store refuses a model the server cannot call (no key) before Send, so it has to know.
  const keyConfigured = useModels().data?.key_configured ?? null;
  useEffect(() => store.getState().setKeyConfigured(keyConfigured), [store, keyConfigured]);
  return <SettingsPanel settings={settings} patch={(change) => store.getState().patchSettings(change)} functionNames={names ? names.split('\n') : []} />;
}
