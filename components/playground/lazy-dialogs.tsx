'use client';

/**
 * The dialogs, the presenter view and the Servers panel, each loaded the first time it opens (next/dynamic), so that the
 * code generator, the templates, the Library and the rest stay off the page's first load. Render them only while open:
 * closing one unmounts it, which hands focus back to whatever opened it (modal.tsx).
 */
import dynamic from 'next/dynamic';

export const TemplatesDialog = dynamic(() => import('@/components/scenario/templates-dialog').then((m) => m.TemplatesDialog));
export const LibraryDialog = dynamic(() => import('@/components/scenario/library-dialog').then((m) => m.LibraryDialog));
export const ExportDialog = dynamic(() => import('@/components/scenario/export-dialog').then((m) => m.ExportDialog));
export const AccessGate = dynamic(() => import('./access-gate').then((m) => m.AccessGate));
export const ConfirmDialog = dynamic(() => import('@/components/scenario/confirm-dialog').then((m) => m.ConfirmDialog));
export const EvaluateDialog = dynamic(() => import('@/components/evaluate/evaluate-dialog').then((m) => m.EvaluateDialog));
export const ImportToolsDialog = dynamic(() => import('@/components/tools/import-dialog').then((m) => m.ImportToolsDialog));
export const ExportToolsDialog = dynamic(() => import('@/components/tools/export-tools-dialog').then((m) => m.ExportToolsDialog));
/** Renders nothing until the server lists MCP servers: most pages never need its code. */
export const ServersPanel = dynamic(() => import('@/components/servers/servers-panel').then((m) => m.ServersPanel));
export const PresenterView = dynamic(() => import('@/components/presenter/presenter-view').then((m) => m.PresenterView), {
  loading: () => <p className="p-6 text-lg">Opening the presenter view…</p>,
});
