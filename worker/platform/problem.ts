/** RFC 9457 problem details: the one error shape of the whole API. */
import type { CodedFieldError, FieldCode } from './field-codes';

/** One field's problem: pointer, stable `code` (with `min`/`max`), English `detail`. */
export interface FieldError extends Omit<CodedFieldError, 'code'> {
  in: 'body' | 'query' | 'path' | 'header' | 'cookie';
  /**
   * A platform code (`fieldCodes`, translated by the platform catalogue) or a leg's own stable
   * code that the leg's UI translates (e.g. a draft-import or ballot rule).
   */
  code: FieldCode | (string & {});
  /** Line of an uploaded text the error is about (draft imports). */
  line?: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Problem type URIs are stable identifiers documented in the OpenAPI description. */
export function problem(status: number, slug: string, detail?: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://civic-engine.dev/problems/${slug}`,
    title: titles[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** Thrown anywhere in a handler; app.onError renders it. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
  }
}

export function fail(status: number, slug: string, detail?: string, extra: Partial<Problem> = {}): never {
  throw new ProblemError(problem(status, slug, detail, extra));
}
