# syntax=docker/dockerfile:1
# One image for every Koban app (api, query, worker, gateway, console, cli); the service's command picks which one runs.
FROM node:20-slim

# Match package.json's packageManager: npm 11 honours its allowScripts policy.
RUN npm install -g npm@11.19.1

WORKDIR /app
COPY . .
# Dev dependencies stay: the apps run from TypeScript through tsx.
RUN --mount=type=cache,target=/root/.npm npm ci
# The console's production build (`next start` serves it).
RUN cd apps/console && NEXT_TELEMETRY_DISABLED=1 npx next build

ENV NPM_CONFIG_UPDATE_NOTIFIER=false
USER node
