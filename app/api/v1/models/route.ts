import { modelCatalogue } from '@/lib/models';
import { keyConfigured } from '@/lib/server/provider';

export const dynamic = 'force-dynamic';

/** The models that support function calling; upstream ones are `available` only with a key configured. */
export function GET(): Response {
  const configured = keyConfigured();
  return Response.json({ object: 'list', key_configured: configured, data: modelCatalogue(configured) });
}
