/**
 * The attachment service legs use: check that the ids a form names are the caller's own pending
 * uploads, attach them in the leg's batch, and describe an owner's files for its API answers.
 */
import { fail } from '../problem';
import { type AttachmentRecord, attachStatement, listAttachments, pendingOf } from './db';

/** Refuses (422, per item) ids that are not the caller's own uploads waiting to be attached. */
export async function requirePendingAttachments(db: D1Database, uploaderId: string, ids: readonly string[] | undefined, pointer = '/attachmentIds'): Promise<void> {
  if (!ids?.length) return;
  const pending = await pendingOf(db, uploaderId, ids);
  const errors = ids.flatMap((id, i) =>
    pending.has(id) ? [] : [{ pointer: `${pointer}/${i}`, in: 'body' as const, code: 'unknown_reference' as const, detail: 'Not an upload of yours waiting to be attached.' }],
  );
  if (errors.length) fail(422, 'validation', 'The request body is not valid.', { errors });
}

export function attachPending(
  db: D1Database,
  a: { ids: readonly string[] | undefined; uploaderId: string; ownerKind: string; ownerId: string; at: string },
): D1PreparedStatement[] {
  return a.ids?.length ? [attachStatement(db, { ...a, ids: a.ids })] : [];
}

export interface AttachmentSummary {
  id: string;
  fileName: string;
  mediaType: AttachmentRecord['mediaType'];
  size: number;
  uploaderRole: string;
  createdAt: string;
  url: string;
}

export async function attachmentsOf(db: D1Database, ownerKind: string, ownerId: string): Promise<AttachmentSummary[]> {
  return (await listAttachments(db, ownerKind, ownerId)).map((a) => ({
    id: a.id,
    fileName: a.fileName,
    mediaType: a.mediaType,
    size: a.size,
    uploaderRole: a.uploaderRole,
    createdAt: a.createdAt,
    url: `/api/v1/attachments/${a.id}`,
  }));
}
