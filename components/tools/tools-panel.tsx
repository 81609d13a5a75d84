'use client';

/** The left of the page: the Tools editor, and a mock (and a result schema) for each of its functions. */
import { useState } from 'react';
import { functionNames } from '@/lib/store/selectors';
import { ExportToolsDialog, ImportToolsDialog } from '@/components/playground/lazy-dialogs';
import { ServerPolicy } from '@/components/servers/server-policy';
import { usePlayground, usePlaygroundStore } from '@/components/playground/store-context';
import { MocksPanel } from './mocks-panel';
import { ToolsEditor } from './tools-editor';

export function ToolsPanel() {
  const store = usePlaygroundStore();
  const { names, mocks, schemas } = usePlayground((s) => ({ names: functionNames(s).join('\n'), mocks: s.settings.mocks, schemas: s.settings.result_schemas }));
  const patch = store.getState().patchSettings;
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  return (
    <>
      <ToolsEditor onOpenDialog={setDialog} />
      {dialog === 'import' ? <ImportToolsDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportToolsDialog onClose={() => setDialog(null)} /> : null}
      <MocksPanel
        functionNames={names ? names.split('\n') : []}
        mocks={mocks}
        resultSchemas={schemas}
        onChange={(next) => patch({ mocks: next })}
        onSchemasChange={(next) => patch({ result_schemas: next })}
        above={(name) => <ServerPolicy name={name} />}
      />
    </>
  );
}
