import { expect } from 'vitest';
import { env } from 'cloudflare:workers';
import { exports } from 'cloudflare:workers';
import demoSql from '../../seeds/demo.sql?raw';
import type { Bindings } from '../../worker/platform/env';
import { deliverEmails } from '../../worker/platform/notifications/email';
import type { CaseProjectionBatch, CaseProjectionEvent, CaseSnapshot } from '../../workflows/case/contract';
import { internalSignatureHeader, internalTimestampHeader } from '../../workflows/shared/edge-api';
import { signBody } from '../../workflows/shared/signature';

export const ORIGIN = 'http://example.com';
export const DEMO_PASSWORD = 'civic-demo-2026';

/** Splits a seed file into statements (each ends with `;` at the end of a line). */
function statements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function seedDemo(): Promise<void> {
  await env.DB.batch(statements(demoSql).map((s) => env.DB.prepare(s)));
}

export interface CallOptions {
  method?: string;
  json?: unknown;
  body?: string;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
}

export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] ??= 'application/json';
  }
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (body !== undefined) headers.origin ??= ORIGIN;
  return exports.default.fetch(
    new Request(ORIGIN + path, { method: opts.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body }),
  );
}

/** Signs in a demo account and returns its session cookie. */
export async function login(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await call('/api/v1/auth/login', { json: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

export interface CapturedMail {
  subject: string;
  body: string;
}

/**
 * The n-th e-mail (1 = the first) captured for an address: delivers what is queued and waits for
 * a delivery the route started after its answer (waitUntil), instead of a fixed sleep.
 */
export async function nthMail(address: string, n = 1): Promise<CapturedMail> {
  for (let i = 0; i < 100; i++) {
    await deliverEmails(env as Bindings);
    const { results } = await env.DB.prepare('SELECT subject, body FROM dev_mailbox WHERE to_address = ? ORDER BY id').bind(address).all<CapturedMail>();
    if (results.length >= n) return results[n - 1]!;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no e-mail #${n} to ${address}`);
}

/** How many e-mails were queued for an address (captured or not), to prove that none was sent. */
export async function mailsQueuedFor(address: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM email_outbox e JOIN users u ON u.id = e.user_id WHERE u.email = ?')
    .bind(address)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The token of the link in a mail (`/register/confirm#…`, `/reset-password#…`). */
export function linkToken(mail: CapturedMail, path: string): string {
  const m = new RegExp(`${path}#([A-Za-z0-9_-]+)`).exec(mail.body);
  if (!m) throw new Error(`no ${path} link in: ${mail.body}`);
  return m[1]!;
}

/**
 * A new citizen, registered the way people do: the registration, the link from the captured
 * e-mail, its confirmation (which signs in). Returns the session cookie. Each call should use
 * its own network (`ip`) when a file registers more than 10 people (the per-network limit).
 */
export async function registerCitizen(
  email: string,
  opts: { password?: string; displayName?: string; locale?: 'zh-TW' | 'en'; ip?: string } = {},
): Promise<string> {
  const headers = { 'cf-connecting-ip': opts.ip ?? `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
  const reg = await call('/api/v1/auth/register', {
    json: { email, password: opts.password ?? 'a-long-password', displayName: opts.displayName ?? '測試民眾', ...(opts.locale ? { locale: opts.locale } : {}) },
    headers,
  });
  if (reg.status !== 202) throw new Error(`register ${email}: ${reg.status} ${await reg.text()}`);
  const token = linkToken(await nthMail(email), '/register/confirm');
  const done = await call('/api/v1/auth/register/confirm', { json: { token }, headers });
  if (done.status !== 200) throw new Error(`confirm ${email}: ${done.status} ${await done.text()}`);
  return (done.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail?: string;
    errors?: { pointer: string; in: string; detail: string }[];
  };
}

/** Posts a projection event (or a batch of one case's events) to the internal route, signed as the Temporal worker would sign it. */
export async function signedEvent(ev: CaseProjectionEvent | CaseProjectionBatch | { cases: CaseProjectionBatch[] }, secret = 'test-internal-secret', unixSeconds = Math.floor(Date.now() / 1000)) {
  const body = JSON.stringify(ev);
  return call('/internal/v1/case-events', {
    body,
    headers: {
      'content-type': 'application/json',
      [internalTimestampHeader]: String(unixSeconds),
      [internalSignatureHeader]: await signBody(secret, body, unixSeconds),
    },
  });
}

/** A workflow snapshot of an open DOT case received now, with the fields a test cares about overridden. */
export function snapshotFixture(overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  const now = new Date().toISOString();
  return {
    state: 'received',
    agencyId: 'TPE-DOT',
    assigneeId: null,
    receivedAt: now,
    acknowledgedAt: null,
    ackDueAt: '2026-11-26T15:59:59.999Z',
    resolutionDueAt: '2026-12-23T15:59:59.999Z',
    originalResolutionDueAt: '2026-12-23T15:59:59.999Z',
    extended: false,
    pausedSince: null,
    supplementDueAt: null,
    repliedAt: null,
    closedAt: null,
    notProcessedCode: null,
    sla: 'on_track',
    escalations: 0,
    legs: [],
    ...overrides,
  };
}
