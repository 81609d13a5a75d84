import { answerDeleteLink, answerReadLink } from '@/lib/server/links/endpoint';
import { observed } from '@/lib/server/observe/observed';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** A short link's ciphertext, or why there is none (404 never made or deleted, 410 expired). */
export const GET = observed('/api/v1/links/[id]', async (request: Request, { params }: Context) => answerReadLink(request, (await params).id));

/** Deletes a short link given its delete token (`Authorization`-free: the token is the right to delete). */
export const DELETE = observed('/api/v1/links/[id]', async (request: Request, { params }: Context) => answerDeleteLink(request, (await params).id));
