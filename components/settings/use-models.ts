'use client';

/**
 * The model list (`GET /api/v1/models`) and the provider's own (`GET /api/v1/models/provider`): server
 * state, so React Query holds them. Their schemas (zod) load alongside the request rather than with the page.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { ZodType } from 'zod';
import { mergeProviderModels, type ListedModel } from '@/lib/wire/models';
import type { ModelList } from './model-list-schema';

export const MODELS_QUERY_KEY = ['models'] as const;

export type { ModelList };
/** A model as the picker lists it: from the catalogue, or from the provider's own list. */
export type ModelEntry = ListedModel;

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

/** A JSON GET of the API checked with a schema that loads alongside the request (not with the page). */
async function fetchChecked<T>(url: string, signal: AbortSignal, schemaOf: (module: typeof import('./model-list-schema')) => ZodType<T>, what: string): Promise<T> {
  const schema = import('./model-list-schema');
  // Handled below (awaited) or not needed (the request failed): never an unhandled rejection.
  schema.catch(() => {});
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
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
  const parsed = schemaOf(await schema).safeParse(body);
  if (!parsed.success) throw new Error(`The server sent ${what} in an unexpected shape.`);
  return parsed.data;
}

const fetchModels = ({ signal }: { signal: AbortSignal }) => fetchChecked('/api/v1/models', signal, (m) => m.modelsSchema, 'a model list');

export function useModels() {
  return useQuery({
    queryKey: MODELS_QUERY_KEY,
    queryFn: fetchModels,
    // Asking again will not make a 401 go away; the access gate handles it at once.
    retry: (failures, error) => !(error instanceof ModelsError && error.status === 401) && failures < 1,
  });
}

/** Its own key: invalidating the catalogue (after the access gate) must not ask the provider again. */
const PROVIDER_MODELS_QUERY_KEY = ['provider-models'] as const;

const fetchProviderModels = ({ signal }: { signal: AbortSignal }) =>
  fetchChecked('/api/v1/models/provider', signal, (m) => m.providerModelsSchema, "the provider's model list");

/**
 * The model list the picker offers: the catalogue, and once "Refresh models" has asked the provider,
 * its other models too (lib/wire/models.ts `mergeProviderModels`). The provider is asked only when the
 * person asks; a failed refresh keeps the last list (React Query keeps `data` beside the error).
 */
export function useModelList() {
  const catalogue = useModels();
  const provider = useQuery({
    queryKey: PROVIDER_MODELS_QUERY_KEY,
    queryFn: fetchProviderModels,
    enabled: false,
    retry: false,
    staleTime: Infinity,
  });
  const fromProvider = provider.data?.data;
  const base = catalogue.data?.data;
  const models = useMemo(() => (base && fromProvider ? mergeProviderModels(base, fromProvider) : base), [base, fromProvider]);
  const { refetch } = provider;
  const refresh = useCallback(() => void refetch(), [refetch]);
  return {
    models,
    keyConfigured: catalogue.data?.key_configured,
    loadError: catalogue.error ? catalogue.error.message : null,
    refresh,
    refreshing: provider.isFetching,
    refreshError: provider.isError && !provider.isFetching ? provider.error.message : null,
    /** Set once the provider was asked: how many of its models are listed, and how many were left out. */
    refreshed: provider.data && !provider.isError ? { count: provider.data.data.length, leftOut: provider.data.left_out } : null,
  };
}
