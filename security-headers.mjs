/**
 * The security headers, in one place. next.config.mjs adds `securityHeaders` to every response (the
 * API and static files included); proxy.ts gives each page its own CSP, with a fresh nonce, and
 * Strict-Transport-Security when the request came over HTTPS (the API routes add that one too).
 *
 * The CSP allows only the app's own origin: Monaco is served from /monaco and starts its workers from
 * blob: URLs; inline styles are Monaco's and React's `style` attributes. No inline script runs but
 * Next's own, which carry the page's nonce ('unsafe-inline' is gone from script-src). Responses that
 * are not pages (the API, static files) get the same policy without a nonce, so no inline script at
 * all. 'unsafe-eval' stays: Ajv compiles each JSON Schema the person writes (tools' `parameters`,
 * result schemas) into a function with `new Function`, which is what makes checking arguments and
 * schemas as they type cheap; it lets the page's own scripts build code from strings, but no script
 * from elsewhere, nor any inline one without the nonce, can run for it to be used.
 */

/** @param {string | undefined} nonce */
export function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''} 'unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Features the playground never uses, off for it and anything it could embed. */
const permissionsPolicy = [
  'accelerometer=()',
  'bluetooth=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/** Sent only over HTTPS (browsers ignore it over HTTP anyway); a year, this host only. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

export const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy(undefined) },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: permissionsPolicy },
  // A window this page opens, or that opens it, gets no handle on it (and the reverse).
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];
