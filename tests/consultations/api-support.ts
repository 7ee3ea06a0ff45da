/** Helpers of the consultation API tests (inside workerd, against D1). */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { ConsultationProjectionEvent } from '../../workflows/consultation/contract';
import { internalSignatureHeader, internalTimestampHeader } from '../../workflows/shared/edge-api';
import { signBody } from '../../workflows/shared/signature';
import { PARK_AMENDMENT_MD } from '../domain/consultations/fixtures';
import { call, login } from '../support/api-helpers';

export const OFFICER = 'officer.dot@demo.civic.tw';
export const CITIZENS = ['citizen@demo.civic.tw', 'resident@demo.civic.tw', 'helper@demo.civic.tw'] as const;

export interface Detail {
  id: string;
  state: string;
  opensAt: string | null;
  closesAt: string | null;
  responseDueAt: string | null;
  urgencyReason: string | null;
  overdue: boolean;
  table: { number: string; label: string; status: string; amended: string; current: string | null; changes: { op: string; text: string }[] }[];
}

export interface CommentView {
  id: string;
  article: string | null;
  anchor: string | null;
  body: string;
  moderation: string;
  supports: number;
  passage: { start: number; end: number; text: string } | null;
  proposedChanges: { op: string; text: string }[] | null;
  disposition: { outcome: string; reason: string; groupSize: number } | null;
}

/** The demo citizens with verified e-mail addresses: platform level email_verified (the default comment rule needs it). */
export async function verifyCitizens(): Promise<void> {
  await env.DB.prepare(
    `UPDATE users SET email_verified_at = '2026-01-01T00:00:00.000Z', identity_level = 'email_verified' WHERE role = 'citizen' AND identity_level = 'none'`,
  ).run();
}

export const notice = {
  title: '臺北市公園管理自治條例部分條文修正草案',
  legalBasis: '地方制度法第二十五條',
  summary: '為因應共融式遊戲場之推動及強化公園使用管理，修正部分條文。',
  contact: '臺北市政府工務局公園路燈工程管理處，電話 (02) 2781-5115',
  draft: PARK_AMENDMENT_MD,
};

/** Prepares and publishes a consultation of the DOT open for `seconds` (a short period needs a reason). */
export async function openConsultation(officer: string, opts: { seconds?: number; body?: Record<string, unknown> } = {}): Promise<Detail> {
  const closesAt = new Date(Date.now() + (opts.seconds ?? 3600) * 1000).toISOString();
  const created = await call('/api/v1/consultations', {
    cookie: officer,
    json: { ...notice, closesAt, urgencyReason: '颱風災後公園設施修復急迫，須縮短預告期間。', ...opts.body },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id } = (await created.json()) as Detail;
  const published = await call(`/api/v1/consultations/${id}/publish`, { cookie: officer, method: 'POST', json: {} });
  expect(published.status, await published.clone().text()).toBe(200);
  return (await published.json()) as Detail;
}

/** Moves the stored close into the past: the comment period is over. */
export async function closeNow(id: string): Promise<void> {
  const past = new Date(Date.now() - 1000).toISOString();
  await env.DB.prepare('UPDATE consultations SET closes_at = ? WHERE id = ?').bind(past, id).run();
}

export async function comment(cookie: string, id: string, json: Record<string, unknown>): Promise<Response> {
  return call(`/api/v1/consultations/${id}/comments`, { cookie, json });
}

export async function commentOk(cookie: string, id: string, json: Record<string, unknown>): Promise<CommentView> {
  const res = await comment(cookie, id, json);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CommentView;
}

export async function citizens(): Promise<string[]> {
  return Promise.all(CITIZENS.map((e) => login(e)));
}

export async function signedConsultationEvent(ev: ConsultationProjectionEvent, secret = 'test-internal-secret') {
  const body = JSON.stringify(ev);
  const ts = Math.floor(Date.now() / 1000);
  return call('/internal/v1/consultation-events', {
    body,
    headers: {
      'content-type': 'application/json',
      [internalTimestampHeader]: String(ts),
      [internalSignatureHeader]: await signBody(secret, body, ts),
    },
  });
}
