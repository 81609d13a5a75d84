/** The shape of `GET /api/v1/models`, checked with zod; use-models.ts loads this with the request. */
import { z } from 'zod';

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
