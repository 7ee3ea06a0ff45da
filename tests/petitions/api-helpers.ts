/** Helpers of the petition API tests (inside workerd): verified citizens, petitions driven by signed projections. */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { PetitionProjectionEvent, PetitionSnapshot } from '../../workflows/petition/contract';
import { internalSignatureHeader, internalTimestampHeader } from '../../workflows/shared/edge-api';
import { signBody } from '../../workflows/shared/signature';
import { ORIGIN, call, login } from '../support/api-helpers';

async function sha256Hex(s: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `n` citizen accounts at an identity level, each with a session cookie: inserted directly, since
 * a PBKDF2 login per account would make concurrency tests slow.
 */
export async function citizens(n: number, level: 'none' | 'email_verified' | 'verified_person' = 'verified_person', createdAt = '2026-01-01T00:00:00.000Z') {
  const tag = crypto.randomUUID().slice(0, 8);
  const out: { id: string; cookie: string }[] = [];
  const stmts: D1PreparedStatement[] = [];
  for (let i = 0; i < n; i++) {
    const id = `t-${tag}-${i}`;
    const token = `tok_${tag}_${i}_${crypto.randomUUID().replaceAll('-', '')}`;
    stmts.push(
      env.DB.prepare(
        `INSERT INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at, identity_level)
         VALUES (?, ?, 'none', ?, 'citizen', NULL, 'zh-TW', ?, ?)`,
      ).bind(id, `${id}@example.tw`, `市民 ${i}`, createdAt, level),
      env.DB.prepare(`INSERT INTO credentials (token_hash, user_id, kind, label, created_at, expires_at) VALUES (?, ?, 'session', NULL, ?, '2099-01-01T00:00:00.000Z')`).bind(
        await sha256Hex(token),
        id,
        createdAt,
      ),
    );
    out.push({ id, cookie: `civic_session=${token}` });
  }
  for (let i = 0; i < stmts.length; i += 100) await env.DB.batch(stmts.slice(i, i + 100));
  return out;
}

export const sampleText = {
  title: '在民生社區增設自行車道',
  summary: '民生社區巷弄車多，希望增設自行車道以保障通學安全。',
  body: '民生社區的富錦街與民生東路五段一帶，每天上下學時段汽機車很多，騎自行車的學生沒有專用道，常常與汽車爭道。建議市府評估增設自行車道，並改善路口號誌。',
};

export interface Detail {
  id: string;
  state: string;
  endorsements: number;
  threshold: number;
  progressPercent: number;
  workflowStarted: boolean;
  timeline: { seq: number; type: string; body: Record<string, unknown> }[];
  viewer: { endorsement: string | null; follows: boolean; canEndorse: boolean } | null;
  daily: { day: string; count: number }[];
  [k: string]: unknown;
}

/** A draft by the demo citizen, submitted (Temporal is down in API tests: the outbox keeps it). */
export async function submitted(cookie?: string, text: Partial<typeof sampleText> = {}): Promise<{ id: string; cookie: string }> {
  const proposer = cookie ?? (await login('citizen@demo.civic.tw'));
  const res = await call('/api/v1/petitions', { cookie: proposer, json: { ...sampleText, ...text } });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as Detail;
  const sub = await call(`/api/v1/petitions/${id}/submit`, { cookie: proposer, method: 'POST', headers: { origin: ORIGIN } });
  expect(sub.status, await sub.clone().text()).toBe(202);
  return { id, cookie: proposer };
}

export function snapshot(over: Partial<PetitionSnapshot> = {}): PetitionSnapshot {
  const now = new Date().toISOString();
  return {
    state: 'in_review',
    agencyId: null,
    submittedAt: now,
    reviewDueAt: new Date(Date.now() + 86_400_000).toISOString(),
    reviewOverdue: false,
    publishedAt: null,
    windowEndsAt: null,
    passedAt: null,
    endedAt: null,
    assignedAt: null,
    responseDueAt: null,
    originalResponseDueAt: null,
    extended: false,
    responseOverdue: false,
    respondedAt: null,
    respondedOnTime: null,
    closedAt: null,
    rejectionGround: null,
    ...over,
  };
}

export async function project(ev: Omit<PetitionProjectionEvent, 'occurredAt'> & { occurredAt?: string }, secret = 'test-internal-secret') {
  const body = JSON.stringify({ occurredAt: new Date().toISOString(), ...ev });
  const ts = Math.floor(Date.now() / 1000);
  return call('/internal/v1/petition-events', {
    body,
    headers: { 'content-type': 'application/json', [internalTimestampHeader]: String(ts), [internalSignatureHeader]: await signBody(secret, body, ts) },
  });
}

/** A submitted petition moved to `open` by projections, as its workflow would. */
export async function opened(text: Partial<typeof sampleText> = {}, threshold?: number): Promise<{ id: string; cookie: string }> {
  const p = await submitted(undefined, text);
  if (threshold !== undefined) await env.DB.prepare('UPDATE petitions SET threshold = ? WHERE id = ?').bind(threshold, p.id).run();
  const now = new Date().toISOString();
  expect((await project({ petitionId: p.id, seq: 1, type: 'review_started', snapshot: snapshot() })).status).toBe(200);
  const res = await project({
    petitionId: p.id,
    seq: 2,
    type: 'published',
    snapshot: snapshot({ state: 'open', publishedAt: now, windowEndsAt: new Date(Date.now() + 60 * 86_400_000).toISOString() }),
  });
  expect(res.status).toBe(200);
  return p;
}

export async function detail(id: string, cookie?: string): Promise<Detail> {
  const res = await call(`/api/v1/petitions/${id}`, cookie ? { cookie } : {});
  expect(res.status).toBe(200);
  return (await res.json()) as Detail;
}
