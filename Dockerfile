# syntax=docker/dockerfile:1
# StudentDesk in one image: the API, which also serves the student portal (/) and the staff console
# (/console/). Three stages: build everything, install only what the API runs, then a small
# runtime as an unprivileged user. Build: `docker build -t studentdesk .` (see docs/operations.md).

ARG NODE_IMAGE=node:24-bookworm-slim
ARG PNPM_VERSION=10.34.8

FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION
RUN npm install -g "pnpm@${PNPM_VERSION}"
ENV TURBO_TELEMETRY_DISABLED=1
WORKDIR /src
# Manifests first, so a code change does not re-download the dependencies.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/api/package.json apps/api/
COPY apps/portal/package.json apps/portal/
COPY apps/console/package.json apps/console/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY packages/graphql/package.json packages/graphql/
COPY packages/intl/package.json packages/intl/
COPY packages/testing/package.json packages/testing/
COPY packages/web-build/package.json packages/web-build/
COPY deploy/package.json deploy/
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store pnpm install --frozen-lockfile
COPY . .
RUN pnpm turbo run build --filter=@studentdesk/api --filter=@studentdesk/portal --filter=@studentdesk/console

# Production dependencies of the API and the workspace packages it imports, nothing else.
FROM ${NODE_IMAGE} AS runtime-deps
ARG PNPM_VERSION
RUN npm install -g "pnpm@${PNPM_VERSION}"
WORKDIR /app
COPY --from=build /src/package.json /src/pnpm-lock.yaml /src/pnpm-workspace.yaml ./
COPY --from=build /src/apps/api/package.json apps/api/
COPY --from=build /src/packages/db/package.json packages/db/
COPY --from=build /src/packages/domain/package.json packages/domain/
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
  pnpm install --prod --frozen-lockfile --filter "@studentdesk/api..."

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 DATA_DIR=/data LOG_FORMAT=json
WORKDIR /app
COPY --from=runtime-deps /app ./
COPY --from=build /src/apps/api/dist apps/api/dist
COPY --from=build /src/apps/portal/dist apps/portal/dist
COPY --from=build /src/apps/console/dist apps/console/dist
COPY --from=build /src/packages/db/dist packages/db/dist
COPY --from=build /src/packages/db/bin packages/db/bin
COPY --from=build /src/packages/db/prisma/migrations packages/db/prisma/migrations
COPY --from=build /src/packages/domain/dist packages/domain/dist
# The image's own user (node, uid 1000) owns nothing but the data folder (files kept on disk).
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form: node is PID 1 and gets SIGTERM itself; it stops taking requests, lets those in flight and
# the websockets finish (main.ts), then exits.
STOPSIGNAL SIGTERM
CMD ["node", "--max-old-space-size=192", "apps/api/dist/main.js"]
