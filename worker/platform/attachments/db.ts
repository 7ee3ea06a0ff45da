import type { AttachmentMediaType } from './sniff';

export interface AttachmentRecord {
  id: string;
  uploadedBy: string;
  ownerKind: string | null;
  ownerId: string | null;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  sha256: string;
  gpsRemoved: boolean;
  createdAt: string;
}

interface Row {
  id: string;
  uploaded_by: string;
  owner_kind: string | null;
  owner_id: string | null;
  file_name: string;
  media_type: AttachmentMediaType;
  size: number;
  sha256: string;
  gps_removed: number;
  created_at: string;
}

const toRecord = (r: Row): AttachmentRecord => ({
  id: r.id,
  uploadedBy: r.uploaded_by,
  ownerKind: r.owner_kind,
  ownerId: r.owner_id,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  gpsRemoved: r.gps_removed === 1,
  createdAt: r.created_at,
});

export async function insertAttachment(db: D1Database, a: AttachmentRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO attachments (id, uploaded_by, file_name, media_type, size, sha256, gps_removed, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(a.id, a.uploadedBy, a.fileName, a.mediaType, a.size, a.sha256, a.gpsRemoved ? 1 : 0, a.createdAt)
    .run();
}

export async function findAttachment(db: D1Database, id: string): Promise<AttachmentRecord | null> {
  const row = await db.prepare('SELECT * FROM attachments WHERE id = ?').bind(id).first<Row>();
  return row ? toRecord(row) : null;
}

export async function listAttachments(db: D1Database, ownerKind: string, ownerId: string): Promise<(AttachmentRecord & { uploaderRole: string })[]> {
  const { results } = await db
    .prepare(
      `SELECT a.*, u.role AS uploader_role FROM attachments a JOIN users u ON u.id = a.uploaded_by
       WHERE a.owner_kind = ? AND a.owner_id = ? ORDER BY a.created_at, a.id`,
    )
    .bind(ownerKind, ownerId)
    .all<Row & { uploader_role: string }>();
  return results.map((r) => ({ ...toRecord(r), uploaderRole: r.uploader_role }));
}

/** Of the given ids, those the person uploaded and has not attached anywhere yet. */
export async function pendingOf(db: D1Database, uploaderId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT id FROM attachments WHERE uploaded_by = ? AND owner_id IS NULL AND id IN (${ids.map(() => '?').join(', ')})`,
    )
    .bind(uploaderId, ...ids)
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/** Attaches pending uploads to their owner; part of the owner's own D1 batch. */
export function attachStatement(
  db: D1Database,
  a: { ids: readonly string[]; uploaderId: string; ownerKind: string; ownerId: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE attachments SET owner_kind = ?, owner_id = ?, attached_at = ?
       WHERE uploaded_by = ? AND owner_id IS NULL AND id IN (${a.ids.map(() => '?').join(', ')})`,
    )
    .bind(a.ownerKind, a.ownerId, a.at, a.uploaderId, ...a.ids);
}
