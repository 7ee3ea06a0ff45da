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
import { enqueueStatement } from '../platform/outbox/db';
import { findServiceType } from '../platform/reference/db';
import type { Bindings } from '../platform/env';
import { newCaseId } from '../platform/crypto';
import { checkFormData } from '../platform/reference/form-data';
import { fail } from '../platform/problem';
import { drainOutbox } from '../platform/outbox/drain';
import { attachPending, requirePendingAttachments } from '../platform/attachments/service';

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
  const id = newCaseId(taipeiDateOf(now.getTime()));
  const input: CaseWorkflowInput = {
    caseId: id,
    kind: serviceType.kind,
    agencyId: serviceType.agencyId,
    serviceTypeCode: serviceType.code,
    receivedAt,
    ackPeriod: serviceType.ackPeriod,
    resolutionPeriod: serviceType.resolutionPeriod,
    closures: await closuresFrom(env.DB, receivedAt, serviceType.agencyId),
    sla: serviceType.sla,
    ...(who.filedById ? { filedById: who.filedById } : {}),
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
  await insertCase(
    env.DB,
    {
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
    },
    extra,
  );
  // Start the workflow right away when Temporal is up; the cron drain covers the rest.
  ctx.waitUntil(drainOutbox(env, { limit: 5 }).catch(() => undefined));
  return id;
}
