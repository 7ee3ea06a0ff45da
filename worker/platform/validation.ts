import { OpenAPIHono } from '@hono/zod-openapi';
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './env';
import { codeIssues } from './field-codes';
import { type FieldError, problem, problemResponse } from './problem';

const targetToLocation: Record<keyof ValidationTargets, FieldError['in']> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

/** Zod issues → field errors with a stable code (and the limits involved); see field-codes.ts. */
export function fieldErrors(error: z.core.$ZodError, where: FieldError['in'], input?: unknown): FieldError[] {
  return codeIssues(error, input).map((e) => ({ ...e, in: where }));
}

export function validationProblemResponse(error: z.core.$ZodError, target: keyof ValidationTargets, input?: unknown): Response {
  const where = targetToLocation[target];
  return problemResponse(
    problem(422, 'validation', `The request ${where} is not valid.`, { errors: fieldErrors(error, where, input) }),
  );
}

const hook = (result: { success: boolean; error?: z.core.$ZodError; data?: unknown; target: keyof ValidationTargets }) => {
  if (!result.success && result.error) return validationProblemResponse(result.error, result.target, result.data);
};

/** Every sub-app is built here so that all of them share the one validation hook. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: hook });
}

/** For routes outside the OpenAPI document (internal ones): same hook, same problem shape. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, hook);
