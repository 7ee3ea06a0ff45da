import type { z } from 'zod';
import { ProblemSchema } from './schemas';

/** JSON request body entry for createRoute. */
export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  body: { required: true, content: { 'application/json': { schema } }, ...(description ? { description } : {}) },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The error responses a route can give, all problem+json. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [s, { description: problemDescriptions[s] ?? 'Error', content: problemContent }]),
  );

const problemDescriptions: Record<number, string> = {
  400: 'Malformed request (e.g. invalid JSON).',
  401: 'Not signed in, or bad credentials.',
  403: 'Signed in, but not allowed.',
  404: 'Not found (or not visible to the caller).',
  409: 'Conflicts with the current state.',
  410: 'Gone: e.g. an e-mailed link that has expired.',
  413: 'Body larger than 64 KB.',
  422: 'Validation failed; see `errors` (each with a stable `code`, and `min`/`max` where a limit applies).',
  429: 'Too many attempts; wait the seconds in Retry-After.',
  503: 'A dependency (Temporal) is unavailable; retry later.',
  504: 'No answer in time: the action may have been applied; check before retrying (with the same Idempotency-Key).',
};
