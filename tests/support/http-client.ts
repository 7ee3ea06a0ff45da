import { inject } from 'vitest';

export const DEMO_PASSWORD = 'civic-demo-2026';

/** A tiny cookie-keeping client of the running edge, as a browser or API client would use it. */
export class ApiClient {
  private cookie = '';
  constructor(readonly base = inject('edgeUrl')) {}

  async request(path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { origin: this.base, ...init.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return res;
  }

  async json<T>(path: string, init?: Parameters<ApiClient['request']>[1], expectStatus?: number): Promise<T> {
    const res = await this.request(path, init);
    const text = await res.text();
    if (expectStatus !== undefined && res.status !== expectStatus) {
      throw new Error(`${init?.method ?? 'GET'} ${path}: expected ${expectStatus}, got ${res.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  }

  static async signedIn(email: string): Promise<ApiClient> {
    const c = new ApiClient();
    await c.json('/api/v1/auth/login', { json: { email, password: DEMO_PASSWORD } }, 200);
    return c;
  }
}

export interface CaseDetail {
  id: string;
  state: string;
  receivedAt: string;
  ackDueDate: string | null;
  resolutionDueDate: string | null;
  repliedAt: string | null;
  workflowStarted: boolean;
  timeline: { seq: number; type: string; actorRole: string | null; actorAgencyId?: string | null; body: Record<string, unknown> }[];
}

export async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
