import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { clientOf } from '@/lib/server/client-address';
import { hostAllowed, hostRefused } from '@/lib/server/request-guard';
import { contentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from './security-headers.mjs';

/**
 * Next's Proxy (Node.js runtime), for the pages only (see `config`): the API routes run the same Host
 * check themselves (lib/server/request-guard), which keeps this step off the chat route's path. A page
 * is served only under a configured host name (DNS rebinding, finding 9), with a CSP of its own whose
 * nonce Next puts on every script it renders (finding 11): Next reads the nonce from the request's
 * Content-Security-Policy header, which is why the pages are rendered per request (app/layout.tsx).
 */
export function proxy(request: NextRequest): Response {
  const host = request.headers.get('host');
  if (!hostAllowed(host)) {
    return new Response(hostRefused(host).body.error.message, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const policy = contentSecurityPolicy(randomBytes(16).toString('base64'));
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  if (clientOf(request.headers).https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Everything but the API and the static files (build output, Monaco, the icon): the same for everyone, no scripts inline.
  matcher: ['/((?!api/|_next/static/|_next/image|monaco/|icon\\.svg|favicon\\.ico).*)'],
};
