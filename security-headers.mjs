/**
 * Headers on every response, the API's included: Next adds them (next.config.mjs).
 *
 * Only the app's own origin: Monaco is served from /monaco and starts its workers from blob: URLs;
 * inline styles are Monaco's and React's; inline scripts are Next's bootstrap. 'unsafe-eval' because
 * Ajv compiles each JSON Schema the person writes into a function, which is what makes checking
 * arguments and `parameters` as they type cheap; no script from another origin can run either way.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
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

export const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
];
