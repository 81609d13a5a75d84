'use client';

/** The left of the page: the Tools editor, and a mock result for each of its functions. */
import { functionNames } from '@/lib/store/selectors';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { MocksPanel } from './mocks-panel';
import { ToolsEditor } from './tools-editor';

export function ToolsPanel() {
  const store = usePlaygroundStore();
  const { names, mocks } = usePlayground((s) => ({ names: functionNames(s).join('\n'), mocks: s.settings.mocks }));
  return (
    <>
      <ToolsEditor />
      <MocksPanel functionNames={names ? names.split('\n') : []} mocks={mocks} onChange={(next) => store.getState().patchSettings({ mocks: next })} />
    </>
  );
}
