-- Files citizens and officers attach (photos, documents), stored in R2 under their id. A file is
-- uploaded first (owner unset, visible to its uploader only) and then attached to what it belongs
-- to (owner_kind names the leg's object, e.g. 'case'); the leg decides who may see it.
-- Replaces the case-only attachments table of 0002, which nothing ever wrote to: attachments are
-- a platform service that petitions and budgets reuse.
DROP INDEX IF EXISTS attachments_case;
DROP TABLE IF EXISTS attachments;

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  owner_kind TEXT,
  owner_id TEXT,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  -- 1 when location metadata was removed from the photo before it was stored.
  gps_removed INTEGER NOT NULL DEFAULT 0 CHECK (gps_removed IN (0, 1)),
  created_at TEXT NOT NULL,
  attached_at TEXT,
  CHECK ((owner_kind IS NULL) = (owner_id IS NULL))
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id, created_at);
CREATE INDEX attachments_pending ON attachments(uploaded_by, created_at) WHERE owner_id IS NULL;
