import { type NextRequest, NextResponse } from 'next/server';
import { hostAllowed, hostRefused } from '@/lib/server/request-guard';

/**
 * Next's Proxy (Node.js runtime), for the pages only (see `config`): the API routes run the same Host
 * check themselves (lib/server/request-guard), which keeps this step off the chat route's path. A page
 * is served only under a configured host name (DNS rebinding, finding 9).
 */
export function proxy(request: NextRequest): Response {
  const host = request.headers.get('host');
  if (!hostAllowed(host)) {
    return new Response(hostRefused(host).body.error.message, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return NextResponse.next();
}

export const config = {
  // Everything but the API and the static files (build output, Monaco, the icon): the same for everyone, no scripts inline.
  matcher: ['/((?!api/|_next/static/|_next/image|monaco/|icon\\.svg|favicon\\.ico).*)'],
};
