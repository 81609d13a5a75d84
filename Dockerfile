# syntax=docker/dockerfile:1
# The playground as one image: `docker build -t function-calling-playground .`, then
# `docker run -p 3000:3000 -e AIML_API_KEY=… function-calling-playground`. compose.yaml runs two of it
# behind nginx with PostgreSQL and Redis (README, "Running it for a team").

# Dependencies, with the toolchain better-sqlite3 builds its native addon with when no prebuilt binary fits.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# postinstall copies Monaco into public/monaco (scripts/copy-monaco.mjs).
COPY scripts/copy-monaco.mjs scripts/
RUN npm ci --no-audit --no-fund

# The standalone build: .next/standalone/server.js with the node_modules files it uses, public/ and
# the static files beside it (npm run build's postbuild, scripts/standalone-assets.mjs).
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/public/monaco ./public/monaco
RUN npm run build

# What runs: Node and the standalone folder, as the unprivileged `node` user of the base image.
FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    PLAYGROUND_DATA_DIR=/data
COPY --from=build --chown=node:node /app/.next/standalone ./
# Short links' SQLite file when DATABASE_URL is unset; keep it on a volume.
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /api/health (alive; /api/ready checks the stores).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
