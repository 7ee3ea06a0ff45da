/**
 * Temporal over its HTTP API: workerd cannot speak gRPC. Arguments are sent as explicit
 * `json/plain` payloads (base64), not the server's JSON shorthand, which turns empty arrays
 * into null.
 */
import type { Bindings } from './env';
import { base64ToUtf8, utf8ToBase64 } from './base64';

export class TemporalUnavailableError extends Error {}

/** A rejected call (validator failure, unknown workflow, ...) as opposed to an unreachable server. */
export class TemporalRejectedError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

interface TemporalErrorBody {
  code?: number;
  message?: string;
}

const GRPC_ALREADY_EXISTS = 6;
const JSON_PLAIN_B64 = 'anNvbi9wbGFpbg=='; // base64('json/plain')

function encodePayloads(values: unknown[]): { payloads: { metadata: { encoding: string }; data: string }[] } {
  return {
    payloads: values.map((v) => ({ metadata: { encoding: JSON_PLAIN_B64 }, data: utf8ToBase64(JSON.stringify(v)) })),
  };
}

/** Reads a result in either form the server may render: shorthand JSON values or full payloads. */
function decodePayloads(p: unknown): unknown[] {
  if (Array.isArray(p)) return p;
  const payloads = (p as { payloads?: { data?: string }[] } | undefined)?.payloads ?? [];
  return payloads.map((x) => (x.data ? (JSON.parse(base64ToUtf8(x.data)) as unknown) : null));
}

export interface TemporalHttp {
  startWorkflow(args: {
    workflowId: string;
    workflowType: string;
    taskQueue: string;
    input: unknown[];
    requestId: string;
  }): Promise<{ started: boolean }>;
  executeUpdate<T>(args: { workflowId: string; name: string; updateId: string; input: unknown[] }): Promise<T>;
  signalWorkflow(args: { workflowId: string; signalName: string; input: unknown[]; requestId: string }): Promise<void>;
  ping(): Promise<void>;
}

export function temporalHttp(env: Bindings, timeoutMs = 10_000): TemporalHttp {
  const base = `${env.TEMPORAL_HTTP_URL.replace(/\/$/, '')}/api/v1/namespaces/${encodeURIComponent(env.TEMPORAL_NAMESPACE)}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (env.TEMPORAL_API_KEY) headers.authorization = `Bearer ${env.TEMPORAL_API_KEY}`;

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new TemporalUnavailableError(`Temporal is unreachable: ${(e as Error).message}`);
    }
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (res.ok && json !== undefined) return json;
    if (res.status >= 500 || json === undefined) {
      throw new TemporalUnavailableError(`Temporal answered HTTP ${res.status}`);
    }
    const err = json as TemporalErrorBody;
    throw new TemporalRejectedError(err.message ?? `HTTP ${res.status}`, err.code, res.status);
  }

  return {
    async startWorkflow({ workflowId, workflowType, taskQueue, input, requestId }) {
      try {
        await call('POST', `/workflows/${encodeURIComponent(workflowId)}`, {
          workflowType: { name: workflowType },
          taskQueue: { name: taskQueue },
          input: encodePayloads(input),
          requestId,
          workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE',
        });
        return { started: true };
      } catch (e) {
        // Workflow ID = domain ID: a second start of the same case is a success, not an error.
        if (e instanceof TemporalRejectedError && e.code === GRPC_ALREADY_EXISTS) return { started: false };
        throw e;
      }
    },

    async executeUpdate<T>({ workflowId, name, updateId, input }: { workflowId: string; name: string; updateId: string; input: unknown[] }) {
      const res = (await call('POST', `/workflows/${encodeURIComponent(workflowId)}/update/${encodeURIComponent(name)}`, {
        request: { meta: { updateId }, input: { name, args: encodePayloads(input) } },
        waitPolicy: { lifecycleStage: 'UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED' },
      })) as { outcome?: { success?: unknown; failure?: { message?: string } } };
      if (res.outcome?.failure) {
        throw new TemporalRejectedError(res.outcome.failure.message ?? 'Update rejected', undefined, 200);
      }
      if (!res.outcome) throw new TemporalUnavailableError('Update did not complete in time');
      return (decodePayloads(res.outcome.success)[0] ?? null) as T;
    },

    async signalWorkflow({ workflowId, signalName, input, requestId }) {
      await call('POST', `/workflows/${encodeURIComponent(workflowId)}/signal/${encodeURIComponent(signalName)}`, {
        input: encodePayloads(input),
        requestId,
      });
    },

    async ping() {
      await call('GET', '');
    },
  };
}
