# The Temporal worker process (workflows + activities) as a container, for production next to
# Temporal Cloud or a self-hosted Temporal cluster. The edge (worker/) deploys with `wrangler deploy`.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --include=dev \
 && npm cache clean --force
COPY tsconfig.base.json ./
COPY domain ./domain
COPY workflows ./workflows
USER node
# Required: EDGE_URL (the deployed Worker's origin), INTERNAL_SECRET (same secret as the Worker's).
# Optional: TEMPORAL_ADDRESS (host:port), TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, TEMPORAL_API_KEY (Temporal Cloud).
CMD ["node_modules/.bin/tsx", "workflows/worker.ts"]
