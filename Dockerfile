# The API with the built web UI. Used by docker-compose.yml.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npx tsc -b && npm run build --workspace apps/web --if-present && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
EXPOSE 8080
USER node
# Node flags: scripts/api-flags.mjs (apps/api/src/launch-flags.spec.ts keeps them in step).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=32", "apps/api/dist/main.js"]
