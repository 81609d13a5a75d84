import { answerCreateLink } from '@/lib/server/links/endpoint';
import { observed } from '@/lib/server/observe/observed';

export const dynamic = 'force-dynamic';

/** Stores a short link's ciphertext (lib/links/types.ts; lib/server/links/endpoint.ts checks access, the limit and the size). */
export const POST = observed('/api/v1/links', answerCreateLink);
