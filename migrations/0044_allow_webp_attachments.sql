-- WebP photos are accepted too (their location metadata is removed like JPEG's). SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt with the same columns and indexes.
-- Nothing references attachments (owners are named by kind and id).
CREATE TABLE attachments_next (
  id TEXT PRIMARY KEY,
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  owner_kind TEXT,
  owner_id TEXT,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  -- 1 when location metadata was removed from the photo before it was stored.
  gps_removed INTEGER NOT NULL DEFAULT 0 CHECK (gps_removed IN (0, 1)),
  created_at TEXT NOT NULL,
  attached_at TEXT,
  CHECK ((owner_kind IS NULL) = (owner_id IS NULL))
);
INSERT INTO attachments_next (id, uploaded_by, owner_kind, owner_id, file_name, media_type, size, sha256, gps_removed, created_at, attached_at)
  SELECT id, uploaded_by, owner_kind, owner_id, file_name, media_type, size, sha256, gps_removed, created_at, attached_at FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_next RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id, created_at);
CREATE INDEX attachments_pending ON attachments(uploaded_by, created_at) WHERE owner_id IS NULL;
