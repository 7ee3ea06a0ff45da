-- Consultations on draft regulations (法規預告 / 眾開講): the notice with its draft, comments on
-- the draft / an article / a passage, replies, supports, reports and moderation, the agency's
-- dispositions (one per comment, possibly shared by a group) and the published report.
-- Lifecycle states are mirrored by TypeScript unions in workflows/consultation/contract.ts.

-- The identity level "email-verified" needs to know whether an account's address was verified.
-- NULL: not verified. (Minimal column; an identity-level model may replace it.)
ALTER TABLE users ADD COLUMN email_verified_at TEXT;

CREATE TABLE consultations (
  id TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL REFERENCES agencies(id),
  created_by TEXT NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  summary TEXT NOT NULL,
  contact TEXT NOT NULL,
  -- JSON array of {name, url, mediaType, bytes}: metadata only, files live elsewhere.
  attachments TEXT NOT NULL DEFAULT '[]',
  draft_source TEXT NOT NULL,
  -- The parsed draft (domain/consultations Draft) as JSON.
  draft_json TEXT NOT NULL,
  draft_kind TEXT NOT NULL CHECK (draft_kind IN ('amendment', 'new')),
  identity_level TEXT NOT NULL DEFAULT 'email_verified' CHECK (identity_level IN ('account', 'email_verified')),
  -- Requested period ('60d') or NULL for an explicit close; the instants are fixed on publication.
  comment_period TEXT,
  requested_opens_at TEXT,
  requested_closes_at TEXT,
  urgency_reason TEXT,
  response_period TEXT NOT NULL DEFAULT '30d',
  state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'open', 'closed', 'reported')),
  opens_at TEXT,
  closes_at TEXT,
  response_due_at TEXT,
  response_state TEXT CHECK (response_state IN ('on_track', 'warned_50', 'warned_75', 'breached')),
  report_published_at TEXT,
  report_json TEXT,
  final_source TEXT,
  -- Highest workflow event sequence applied; projections ignore events at or below it.
  last_seq INTEGER NOT NULL DEFAULT 0,
  workflow_started_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((state = 'draft') = (opens_at IS NULL))
);
CREATE INDEX consultations_agency ON consultations(agency_id, state);
CREATE INDEX consultations_public ON consultations(state, opens_at DESC);

CREATE TABLE consultation_events (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '{}',
  occurred_at TEXT NOT NULL,
  PRIMARY KEY (consultation_id, seq)
);

CREATE TABLE consultation_comments (
  id TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  -- A reply names the comment it answers; replies are discussion and need no disposition.
  parent_id TEXT REFERENCES consultation_comments(id),
  -- Normalized article number ('12-1'); NULL for the draft as a whole.
  article TEXT,
  anchor TEXT,
  passage_start INTEGER,
  passage_end INTEGER,
  passage_text TEXT,
  -- Alternative wording: the whole article text as the commenter proposes it.
  proposed_text TEXT,
  body TEXT NOT NULL,
  -- The server's receipt instant: the close is decided by it alone.
  submitted_at TEXT NOT NULL,
  moderation TEXT NOT NULL DEFAULT 'visible' CHECK (moderation IN ('visible', 'hidden', 'removed')),
  moderation_reason TEXT,
  supports INTEGER NOT NULL DEFAULT 0,
  CHECK ((passage_start IS NULL) = (passage_end IS NULL))
);
CREATE INDEX consultation_comments_list ON consultation_comments(consultation_id, submitted_at);
CREATE INDEX consultation_comments_author ON consultation_comments(author_id, submitted_at DESC);

CREATE TABLE consultation_supports (
  comment_id TEXT NOT NULL REFERENCES consultation_comments(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL,
  PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE consultation_comment_reports (
  comment_id TEXT NOT NULL REFERENCES consultation_comments(id) ON DELETE CASCADE,
  reporter_id TEXT NOT NULL REFERENCES users(id),
  reason TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (comment_id, reporter_id)
);

CREATE TABLE consultation_moderation_decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  comment_id TEXT NOT NULL REFERENCES consultation_comments(id) ON DELETE CASCADE,
  moderator_id TEXT NOT NULL REFERENCES users(id),
  action TEXT NOT NULL CHECK (action IN ('restore', 'remove')),
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX consultation_moderation_comment ON consultation_moderation_decisions(comment_id, at);

CREATE TABLE consultation_dispositions (
  id TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  outcome TEXT NOT NULL CHECK (outcome IN ('adopted', 'partly_adopted', 'not_adopted', 'out_of_scope')),
  reason TEXT NOT NULL,
  decided_by TEXT NOT NULL REFERENCES users(id),
  decided_at TEXT NOT NULL
);
CREATE INDEX consultation_dispositions_of ON consultation_dispositions(consultation_id);

-- One answer per comment: a grouped answer covers several comments.
CREATE TABLE consultation_disposition_comments (
  comment_id TEXT PRIMARY KEY REFERENCES consultation_comments(id) ON DELETE CASCADE,
  disposition_id TEXT NOT NULL REFERENCES consultation_dispositions(id) ON DELETE CASCADE
);
CREATE INDEX consultation_disposition_comments_of ON consultation_disposition_comments(disposition_id);

CREATE TABLE consultation_follows (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL,
  PRIMARY KEY (consultation_id, user_id)
);
CREATE INDEX consultation_follows_user ON consultation_follows(user_id);
