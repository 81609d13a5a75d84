/** The shapes of `GET /api/v1/models` and `/api/v1/models/provider`, checked with zod; use-models.ts loads this with the request. */
import { z } from 'zod';
import { MODEL_ID_PATTERN } from '@/lib/wire/chat-constants';
import { MAX_PROVIDER_MODELS } from '@/lib/wire/models';

export const modelsSchema = z.object({
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

/** The server checked these already; the page checks again, as it does everything it is sent. */
export const providerModelsSchema = z.object({
  data: z.array(z.object({ id: z.string().regex(MODEL_ID_PATTERN), owned_by: z.string().max(64) })).max(MAX_PROVIDER_MODELS),
  left_out: z.number().int().nonnegative(),
});
