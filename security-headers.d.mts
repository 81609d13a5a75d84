/** Types of security-headers.mjs (plain JS, because next.config.mjs imports it). */
export declare function contentSecurityPolicy(nonce: string | undefined): string;
export declare const STRICT_TRANSPORT_SECURITY: string;
export declare const securityHeaders: { key: string; value: string }[];
