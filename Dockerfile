# Switchyard on Node, self-hosted: one process, state in-process or in Redis (REDIS_URL).
#   docker build -t switchyard .
#   docker run -p 8787:8787 -e SWITCHYARD_ADMIN_KEY=$(openssl rand -hex 32) \
#     -v "$PWD/switchyard.json:/config/switchyard.json:ro" \
#     -e SWITCHYARD_CONFIG_FILE=/config/switchyard.json -e OPENAI_API_KEY switchyard
# Flags after the image name go to the router (`docker run switchyard --help`).
# The base image is an argument so a mirror or a pinned digest can stand in for it.
ARG NODE_IMAGE=node:22-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
RUN npm install --global --no-audit --no-fund pnpm@12.21.0
# The manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/router/package.json apps/router/
COPY packages/ai-sdk-provider/package.json packages/ai-sdk-provider/
COPY packages/testkit/package.json packages/testkit/
COPY bench/package.json bench/
RUN pnpm install --frozen-lockfile --prod --filter @switchyard/router
COPY apps/router/src apps/router/src

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=8787
WORKDIR /app
# Owned by root: the router's user can read its code and dependencies, not change them.
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/apps/router apps/router
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node runs the TypeScript sources as they are (type stripping, Node >= 22.18); the router
# handles SIGTERM itself, so `docker stop` drains open requests and exits.
ENTRYPOINT ["node", "apps/router/src/node.ts", "--host", "0.0.0.0"]
