# One image for the API and the worker (docker-compose.yml picks the command). Production runs Node.js 24
# (the current LTS) on compiled JavaScript: the build stage compiles the TypeScript (tsconfig.build.json),
# builds the web app and bundles the workflow code once (bundleWorkflowCode → workflow-bundle.js); the
# runtime stage holds that output and the production dependencies only, and runs as an unprivileged user.

# ---- build: all dependencies, compile, web app, workflow bundle ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
# postinstall generates the Prisma client (prisma/generated), which tsc then compiles with the rest.
RUN npm ci
COPY . .
RUN npm run web:build && npm run build

# ---- production dependencies only (no MailDev, embedded PostgreSQL, tsx, Vite, Jest…) ----
FROM node:24-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the only install script of ours is the Prisma client generation, whose output is
# already compiled into dist/ by the build stage (and whose generator, prisma, is a dev dependency).
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# ---- runtime ----
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE=/app/workflow-bundle.js \
    DATA_DIR=/var/lib/kaohe
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=dependencies /app/package.json ./package.json
# dist/ mirrors the source tree (runtime/apiMain.js, mail/templates, prisma/migrations, web/dist, …).
COPY --from=build /app/dist ./
# The image's own user ("node", uid 1000) owns the data folder; nothing else under /app is writable.
RUN mkdir -p /var/lib/kaohe && chown node:node /var/lib/kaohe
USER node
EXPOSE 3000
# /healthz answers while the process serves HTTP (the worker's container has no HTTP: compose turns
# the check off there). /readyz, which also asks PostgreSQL and Temporal, is compose's start-up gate.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "runtime/apiMain.js"]
