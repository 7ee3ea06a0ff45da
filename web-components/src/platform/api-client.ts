import { messagesByField } from './field-messages';

/** Same-origin JSON client of the Worker API; every error becomes an ApiError with the problem details. */

export interface FieldError {
  pointer: string;
  in: string;
  /** Stable code (see worker/platform/field-codes.ts); the UI words it, not `detail`. */
  code: string;
  min?: number;
  max?: number;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  /**
   * Field name ('subject') → message in the reader's language, from JSON pointers like
   * '/subject' (or, with a prefix such as '/formData/', the names below it).
   */
  fieldErrors(prefix = '/'): Record<string, string> {
    return messagesByField(this.problem.errors ?? [], { prefix });
  }
}

export async function api<T>(path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: { accept: 'application/json', ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ type: 'network', title: 'Network error', status: 0, detail: 'network' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const p = (body ?? {}) as Partial<Problem>;
    // Extension members (e.g. the petition a refused confirmation link belongs to) are kept.
    throw new ApiError({ ...p, type: p.type ?? 'about:blank', title: p.title ?? res.statusText, status: res.status, detail: p.detail, errors: p.errors });
  }
  return body as T;
}
