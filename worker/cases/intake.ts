/**
 * Case intake shared by every channel (web form, assisted filing at a counter, Open311): the
 * case, its first timeline event, the outbox row (and, for assisted filing, the consent and an
 * audit entry) commit in one D1 batch; the workflow starts from the outbox.
 */
import { taipeiDateOf } from '../../domain/calendar/taipei-time';
import type { CaseWorkflowInput } from '../../workflows/case/contract';
import { auditStatement } from '../platform/audit';
import { insertCase } from './db';
import { closuresFrom } from '../platform/closures';
import { currentCalendar } from '../platform/calendar-changes';
import { enqueueStatement } from '../platform/outbox/db';
import { findServiceType } from '../platform/reference/db';
import type { Bindings } from '../platform/env';
import { newCaseId } from '../platform/crypto';
import { checkFormData } from '../platform/reference/form-data';
import { fail } from '../platform/problem';
import { publishOutbox } from '../platform/outbox/queue';
import { attachPending, requirePendingAttachments } from '../platform/attachments/service';

/** Case numbers are random (6 characters a day); a collision is rare but must not lose a filing. */
const ID_ATTEMPTS = 4;
const isIdCollision = (e: unknown) => /UNIQUE constraint failed: cases\.id/.test(String((e as Error)?.message));

export interface IntakeRequest {
  serviceTypeCode: string;
  subject: string;
  description: string;
  location?: string;
  formData?: Record<string, unknown>;
  /** The filer's own uploads to attach (photos, documents). */
  attachmentIds?: string[];
}

export interface Consent {
  method: 'signed_form' | 'verbal_recorded' | 'digital';
  statement: string;
}

export async function intakeCase(
  env: Bindings,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  req: IntakeRequest,
  who: { citizenId: string; filedById?: string; consent?: Consent },
  /** Tests pass their own id source to provoke a collision. */
  opts: { newId?: (taipeiDay: string) => string } = {},
): Promise<string> {
  const serviceType = await findServiceType(env.DB, req.serviceTypeCode);
  if (!serviceType) {
    fail(422, 'validation', 'The request body is not valid.', {
      errors: [{ pointer: '/serviceTypeCode', in: 'body', code: 'unknown_reference', detail: 'Unknown or inactive service type.' }],
    });
  }
  const form = checkFormData(serviceType.formSchema, req.formData);
  if (!form.ok) fail(422, 'validation', 'The request body is not valid.', { errors: form.errors });
  const uploader = who.filedById ?? who.citizenId;
  await requirePendingAttachments(env.DB, uploader, req.attachmentIds);

  const now = new Date();
  const receivedAt = now.toISOString();
  const closures = await closuresFrom(env.DB, receivedAt, serviceType.agencyId);
  let id = '';
  for (let attempt = 1; ; attempt++) {
    id = (opts.newId ?? newCaseId)(taipeiDateOf(now.getTime()));
    const input: CaseWorkflowInput = {
      caseId: id,
      kind: serviceType.kind,
      agencyId: serviceType.agencyId,
      serviceTypeCode: serviceType.code,
      receivedAt,
      ackPeriod: serviceType.ackPeriod,
      resolutionPeriod: serviceType.resolutionPeriod,
      closures,
      sla: serviceType.sla,
      ...(who.filedById ? { filedById: who.filedById } : {}),
      calendar: currentCalendar,
      priority: serviceType.priorityTier,
    };
    const extra: D1PreparedStatement[] = [
      enqueueStatement(env.DB, { kind: 'start_case_workflow', aggregateId: id, payload: input, now: receivedAt }),
      ...attachPending(env.DB, { ids: req.attachmentIds, uploaderId: uploader, ownerKind: 'case', ownerId: id, at: receivedAt }),
    ];
    if (who.filedById && who.consent) {
      extra.push(
        env.DB.prepare(
          `INSERT INTO case_consents (case_id, citizen_id, proxy_id, method, statement, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
        ).bind(id, who.citizenId, who.filedById, who.consent.method, who.consent.statement, receivedAt),
        auditStatement(env.DB, {
          actorId: who.filedById,
          action: 'case.file_on_behalf',
          target: `case:${id}`,
          detail: { citizenId: who.citizenId, consentMethod: who.consent.method },
          at: receivedAt,
        }),
      );
    }
    const newCase = {
      id,
      serviceTypeCode: serviceType.code,
      agencyId: serviceType.agencyId,
      citizenId: who.citizenId,
      subject: req.subject,
      description: req.description,
      location: req.location ?? null,
      receivedAt,
      kind: serviceType.kind,
      formData: form.value,
      filedById: who.filedById ?? null,
      priorityTier: serviceType.priorityTier,
    };
    try {
      await insertCase(env.DB, newCase, extra);
      break;
    } catch (e) {
      if (attempt >= ID_ATTEMPTS || !isIdCollision(e)) throw e;
      console.warn(JSON.stringify({ msg: 'case id collision, retrying with a new id', attempt }));
    }
  }
  // The queue starts the workflow within about a second; the cron sweep covers the rest.
  ctx.waitUntil(publishOutbox(env, [{ kind: 'start_case_workflow', aggregateId: id }]));
  return id;
}
