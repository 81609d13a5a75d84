'use client';

/** The settings panel over the store: the scenario's model and request settings. */
import { functionNames } from '@/lib/store/selectors';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { SettingsPanel } from './settings-panel';

export function ConnectedSettings() {
  const store = usePlaygroundStore();
  const { settings, names } = usePlayground((s) => ({ settings: s.settings, names: functionNames(s).join('\n') }));
  return <SettingsPanel settings={settings} patch={(change) => store.getState().patchSettings(change)} functionNames={names ? names.split('\n') : []} />;
}
