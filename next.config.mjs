import { securityHeaders } from './security-headers.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let parallel builds (tests, benchmarks) share a checkout.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Every build also writes <distDir>/standalone/: a server.js with only the node_modules files it
  // traced, what the Dockerfile ships; `npm run build` copies public/ and the static files beside it
  // (scripts/standalone-assets.mjs). `next start` (npm start) still serves <distDir> itself: Next warns
  // that it "does not work" with standalone output, and serves all the same.
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
