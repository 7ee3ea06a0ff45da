import { OpenAPIHono } from '@hono/zod-openapi';
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './env';
import { type FieldError, problem, problemResponse } from './problem';

const targetToLocation: Record<keyof ValidationTargets, FieldError['in']> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
};

function toPointer(path: readonly PropertyKey[]): string {
  return '/' + path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/** Flattens zod issues into field errors; unknown keys get one error each so clients can point at them. */
export function fieldErrors(error: z.core.$ZodError, where: FieldError['in']): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ pointer: toPointer([...issue.path, key]), in: where, detail: 'Unknown field.' });
      }
      continue;
    }
    out.push({ pointer: issue.path.length ? toPointer(issue.path) : '', in: where, detail: issue.message });
  }
  return out;
}

export function validationProblemResponse(error: z.core.$ZodError, target: keyof ValidationTargets): Response {
  const where = targetToLocation[target];
  return problemResponse(
    problem(422, 'validation', `The request ${where} is not valid.`, { errors: fieldErrors(error, where) }),
  );
}

const hook = (result: { success: boolean; error?: z.core.$ZodError; target: keyof ValidationTargets }) => {
  if (!result.success && result.error) return validationProblemResponse(result.error, result.target);
};

/** Every sub-app is built here so that all of them share the one validation hook. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: hook });
}

/** For routes outside the OpenAPI document (internal ones): same hook, same problem shape. */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, hook);
