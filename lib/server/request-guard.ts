import 'server-only';
import { STRICT_TRANSPORT_SECURITY } from '@/security-headers.mjs';
import { clientOf } from './client-address';
import { serverEnv, type ServerEnv } from './env';
import { apiError, type ApiErrorResult } from './upstream-errors';

/**
 * What every request must pass before anything else looks at it (finding 9): a Host this playground
 * is configured to answer to (DNS rebinding), and for state-changing requests no sign of a cross-site
 * browser (CSRF) and, with a body, `Content-Type: application/json`. Header reads and string
 * comparisons (two URL parses when a POST carries an Origin): the API routes call it first, proxy.ts
 * runs the Host check for the pages.
 */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

interface HostRules {
  any: boolean;
  exact: Set<string>;
  /** `.example.com` entries, kept with their dot: they match example.com and its subdomains. */
  suffixes: string[];
}

let rules: { env: ServerEnv; rules: HostRules } | undefined;

function hostRules(): HostRules {
  const env = serverEnv();
  if (rules?.env !== env) {
    const names = [...LOOPBACK_HOSTS, ...(env.PLAYGROUND_ALLOWED_HOSTS ?? [])];
    rules = {
      env,
      rules: { any: names.includes('*'), exact: new Set(names.filter((name) => !name.startsWith('.'))), suffixes: names.filter((name) => name.startsWith('.')) },
    };
  }
  return rules.rules;
}

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?)(?::\d{1,5})?$/;

/** The name of a Host header, lower-cased, without port or trailing dot; null when it is not one. */
export function hostName(host: string | null): string | null {
  const match = host === null ? null : HOST_HEADER.exec(host.toLowerCase());
  return match ? match[1].replace(/\.$/, '') : null;
}

export function hostAllowed(host: string | null): boolean {
  const { any, exact, suffixes } = hostRules();
  if (any) return true;
  const name = hostName(host);
  if (name === null) return false;
  return exact.has(name) || suffixes.some((suffix) => name === suffix.slice(1) || name.endsWith(suffix));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when a browser says this request comes from another origin's page: Sec-Fetch-Site other than
 * `same-origin` (or `none`, a person's own navigation), or an Origin that is not this Host. Clients
 * that send neither header (curl, the SDKs) are not browsers acting for another site.
 */
export function crossSite(headers: Pick<Headers, 'get'>): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  const origin = headers.get('origin');
  if (origin === null) return false;
  try {
    const from = new URL(origin);
    return from.host !== new URL(`${from.protocol}//${headers.get('host') ?? ''}`).host;
  } catch {
    return true; // "null" (a sandboxed frame, a file: page) or garbage
  }
}

function mediaType(headers: Pick<Headers, 'get'>): string {
  const value = headers.get('content-type') ?? '';
  const end = value.indexOf(';');
  return (end < 0 ? value : value.slice(0, end)).trim().toLowerCase();
}

export function hostRefused(host: string | null): ApiErrorResult {
  const shown = (host ?? '').slice(0, 100);
  return apiError(
    403,
    `This playground does not answer to the host name "${shown}". If that is its name, add it to PLAYGROUND_ALLOWED_HOSTS on the server: only localhost, 127.0.0.1, [::1] and the names listed there are served, so that no other site can reach a local playground through DNS rebinding.`,
    { code: 'host_not_allowed' },
  );
}

/**
 * Null when the request may go on, else the error to answer with. `json`: the route takes a JSON body.
 * `asksProvider`: a GET that calls the provider with the key (the model-list refresh) is refused from
 * another site's page like a POST, since another site must not spend the key or the rate limit.
 */
export function guardRequest(request: Request, { json = false, asksProvider = false }: { json?: boolean; asksProvider?: boolean } = {}): ApiErrorResult | null {
  const { headers } = request;
  const host = headers.get('host');
  if (!hostAllowed(host)) return hostRefused(host);
  if (SAFE_METHODS.has(request.method) && !asksProvider) return null;
  if (crossSite(headers)) {
    return apiError(
      403,
      "This request came from another site's page (its Origin or Sec-Fetch-Site says so). The playground acts only on requests from its own page, or from clients such as curl and the OpenAI SDKs.",
      { code: 'cross_site_request' },
    );
  }
  if (json && mediaType(headers) !== 'application/json') {
    const got = mediaType(headers);
    return apiError(415, `Send the body as JSON, with the header \`Content-Type: application/json\` (this request's was ${got ? `"${got.slice(0, 100)}"` : 'missing'}).`, {
      code: 'unsupported_media_type',
    });
  }
  return null;
}

/** Strict-Transport-Security on a response to a request that came over HTTPS (as client-address.ts judges it). */
export function withTransportSecurity(headers: Pick<Headers, 'get'>, response: Response): Response {
  if (!clientOf(headers).https) return response;
  try {
    response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    return response;
  } catch {
    // Headers of a fetched Response are immutable: answer with a copy that has the header.
    const copy = new Response(response.body, response);
    copy.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    return copy;
  }
}
