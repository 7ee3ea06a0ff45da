-- Petitions (提點子 / 附議): the read model fed by the petition workflow, endorsements as one
-- row per person and petition (counted at read through a covering index: no hot counter row),
-- bulk invalidations with undo, quiet periods, platform settings, trigram search of Chinese
-- text, and the identity level of accounts that endorsing requires.

ALTER TABLE users ADD COLUMN identity_level TEXT NOT NULL DEFAULT 'none'
  CHECK (identity_level IN ('none', 'email_verified', 'verified_person'));

-- One row: the platform's petition settings (periods in the SLA notation, seconds for tests).
CREATE TABLE petition_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  threshold INTEGER NOT NULL CHECK (threshold >= 1),
  review_period TEXT NOT NULL,
  endorsement_window TEXT NOT NULL,
  response_period TEXT NOT NULL,
  close_after TEXT NOT NULL,
  endorse_level TEXT NOT NULL CHECK (endorse_level IN ('none', 'email_verified', 'verified_person')),
  updated_at TEXT NOT NULL
);
INSERT INTO petition_settings (id, threshold, review_period, endorsement_window, response_period, close_after, endorse_level, updated_at)
  VALUES (1, 5000, '5wd', '60d', '60d', '30d', 'verified_person', '2026-01-01T00:00:00.000Z');

CREATE TABLE petition_quiet_periods (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (ends_at > starts_at)
);

CREATE TABLE petitions (
  id TEXT PRIMARY KEY,
  proposer_id TEXT NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN (
    'draft', 'in_review', 'rejected', 'open', 'not_passed', 'passed', 'awaiting_response', 'responded', 'closed')),
  -- Rules fixed at submission (a later settings change does not move a running petition).
  threshold INTEGER NOT NULL,
  endorse_level TEXT NOT NULL CHECK (endorse_level IN ('none', 'email_verified', 'verified_person')),
  agency_id TEXT REFERENCES agencies(id),
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  review_due_at TEXT,
  review_overdue INTEGER NOT NULL DEFAULT 0,
  published_at TEXT,
  window_ends_at TEXT,
  -- Set once by the edge when the live count first reaches the threshold (signals the workflow).
  threshold_reached_at TEXT,
  passed_at TEXT,
  ended_at TEXT,
  final_count INTEGER,
  assigned_at TEXT,
  response_due_at TEXT,
  original_response_due_at TEXT,
  extended INTEGER NOT NULL DEFAULT 0,
  extension_reason TEXT,
  response_overdue INTEGER NOT NULL DEFAULT 0,
  responded_at TEXT,
  responded_on_time INTEGER,
  response TEXT,
  meeting TEXT,
  closed_at TEXT,
  rejection_ground TEXT,
  rejection_message TEXT,
  duplicate_of TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0,
  workflow_started_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX petitions_state ON petitions(state, published_at DESC);
CREATE INDEX petitions_proposer ON petitions(proposer_id, created_at DESC);
CREATE INDEX petitions_agency ON petitions(agency_id, state, response_due_at);

CREATE TABLE petition_events (
  petition_id TEXT NOT NULL REFERENCES petitions(id) ON DELETE CASCADE,
  -- 0 is the submission written by the API; 1.. come from the petition workflow in order.
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor_id TEXT,
  body TEXT NOT NULL DEFAULT '{}',
  occurred_at TEXT NOT NULL,
  PRIMARY KEY (petition_id, seq)
);

CREATE TABLE petition_invalidations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  petition_id TEXT NOT NULL REFERENCES petitions(id),
  criteria TEXT NOT NULL,
  reason TEXT NOT NULL,
  affected INTEGER NOT NULL,
  actor_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  undone_at TEXT
);

-- One row per person and petition: a second endorsement by the same person cannot exist.
-- `network` is a salted hash of the /24 (IPv4) or /48 (IPv6) prefix, never the address.
CREATE TABLE petition_endorsements (
  petition_id TEXT NOT NULL REFERENCES petitions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'valid', 'invalidated')),
  follow INTEGER NOT NULL DEFAULT 0 CHECK (follow IN (0, 1)),
  network TEXT NOT NULL,
  flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  invalidation_id INTEGER REFERENCES petition_invalidations(id),
  state_before_invalidation TEXT,
  endorsed_at TEXT NOT NULL,
  PRIMARY KEY (petition_id, user_id)
) WITHOUT ROWID;
-- Covering index of the live count and the per-day chart.
CREATE INDEX petition_endorsements_count ON petition_endorsements(petition_id, state, endorsed_at);
CREATE INDEX petition_endorsements_network ON petition_endorsements(petition_id, network, endorsed_at);

-- Substring search that works for Chinese (trigram tokens); queries under 3 characters use LIKE.
CREATE VIRTUAL TABLE petitions_fts USING fts5(title, summary, body, content='petitions', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER petitions_fts_insert AFTER INSERT ON petitions BEGIN
  INSERT INTO petitions_fts (rowid, title, summary, body) VALUES (new.rowid, new.title, new.summary, new.body);
END;
CREATE TRIGGER petitions_fts_delete AFTER DELETE ON petitions BEGIN
  INSERT INTO petitions_fts (petitions_fts, rowid, title, summary, body) VALUES ('delete', old.rowid, old.title, old.summary, old.body);
END;
CREATE TRIGGER petitions_fts_update AFTER UPDATE OF title, summary, body ON petitions BEGIN
  INSERT INTO petitions_fts (petitions_fts, rowid, title, summary, body) VALUES ('delete', old.rowid, old.title, old.summary, old.body);
  INSERT INTO petitions_fts (rowid, title, summary, body) VALUES (new.rowid, new.title, new.summary, new.body);
END;
