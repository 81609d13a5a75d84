'use client';

/**
 * The model list (`GET /api/v1/models`): server state, so React Query holds it. Its schema (zod) loads
 * alongside the request rather than with the page.
 */
import { useQuery } from '@tanstack/react-query';
import type { ModelList } from './model-list-schema';

export const MODELS_QUERY_KEY = ['models'] as const;

export type { ModelList };
export type ModelEntry = ModelList['data'][number];

/** A failed model-list request: the status and the error code let the page react (the access gate). */
export class ModelsError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ModelsError';
  }
}

/** The server wants the access token (PLAYGROUND_ACCESS_TOKEN is set and this browser has no cookie). */
export function needsAccessToken(error: unknown): boolean {
  return error instanceof ModelsError && error.code === 'access_token_required';
}

async function fetchModels({ signal }: { signal: AbortSignal }): Promise<ModelList> {
  const schema = import('./model-list-schema');
  // Handled below (awaited) or not needed (the request failed): never an unhandled rejection.
  schema.catch(() => {});
  const response = await fetch('/api/v1/models', { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    let message = response.statusText || 'request failed';
    let code: string | null = null;
    try {
      const body = (await response.json()) as { error?: { message?: string; code?: unknown } };
      message = body.error?.message ?? message;
      code = typeof body.error?.code === 'string' ? body.error.code : null;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new ModelsError(`${response.status} — ${message}`, response.status, code);
  }
  const body: unknown = await response.json();
  const parsed = (await schema).modelsSchema.safeParse(body);
  if (!parsed.success) throw new Error('The server sent a model list in an unexpected shape.');
  return parsed.data;
}

export function useModels() {
  return useQuery({
    queryKey: MODELS_QUERY_KEY,
    queryFn: fetchModels,
    // Asking again will not make a 401 go away; the access gate handles it at once.
    retry: (failures, error) => !(error instanceof ModelsError && error.status === 401) && failures < 1,
  });
}
