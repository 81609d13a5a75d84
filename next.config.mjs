/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let parallel builds (tests, benchmarks) share a checkout.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
