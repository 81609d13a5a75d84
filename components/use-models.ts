'use client';

/** The model list (`GET /api/v1/models`): server state, so React Query holds it. */
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';

const modelsSchema = z.object({
  key_configured: z.boolean(),
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      provider: z.string(),
      available: z.boolean(),
    }),
  ),
});

export type ModelList = z.infer<typeof modelsSchema>;
export type ModelEntry = ModelList['data'][number];

async function fetchModels({ signal }: { signal: AbortSignal }): Promise<ModelList> {
  const response = await fetch('/api/v1/models', { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    let message = response.statusText || 'request failed';
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // Not JSON: keep the status text.
    }
    throw new Error(`${response.status} — ${message}`);
  }
  const parsed = modelsSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error('The server sent a model list in an unexpected shape.');
  return parsed.data;
}

export function useModels() {
  return useQuery({ queryKey: ['models'], queryFn: fetchModels });
}
