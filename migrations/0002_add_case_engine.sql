-- The SLA-aware case engine: process state projected from the case workflow, SLA rules per
-- service type, notifications (in-app inbox and e-mail), office closures, assisted filing.

ALTER TABLE service_types ADD COLUMN priority_tier TEXT NOT NULL DEFAULT 'normal'
  CHECK (priority_tier IN ('most_urgent', 'urgent', 'normal'));
-- JSON array of extra form fields [{name, type, labelZh, labelEn, required, options?}].
ALTER TABLE service_types ADD COLUMN form_schema TEXT NOT NULL DEFAULT '[]';
-- SLA rules in the deadline notation ('5wd'; seconds such as '20s' for tests and demos).
ALTER TABLE service_types ADD COLUMN escalation_repeat TEXT NOT NULL DEFAULT '5wd';
ALTER TABLE service_types ADD COLUMN transfer_window TEXT NOT NULL DEFAULT '1wd';
ALTER TABLE service_types ADD COLUMN supplement_period TEXT NOT NULL DEFAULT '7d';
ALTER TABLE service_types ADD COLUMN supplement_reminder_before TEXT NOT NULL DEFAULT '3wd';
ALTER TABLE service_types ADD COLUMN auto_close_after TEXT NOT NULL DEFAULT '14d';

ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'grievance' CHECK (kind IN ('grievance', 'application'));
ALTER TABLE cases ADD COLUMN form_data TEXT NOT NULL DEFAULT '{}';
ALTER TABLE cases ADD COLUMN assignee_id TEXT REFERENCES users(id);
ALTER TABLE cases ADD COLUMN sla_state TEXT NOT NULL DEFAULT 'on_track'
  CHECK (sla_state IN ('on_track', 'warned_50', 'warned_75', 'breached', 'paused'));
ALTER TABLE cases ADD COLUMN acknowledged_at TEXT;
ALTER TABLE cases ADD COLUMN ack_due_at TEXT;
ALTER TABLE cases ADD COLUMN resolution_due_at TEXT;
ALTER TABLE cases ADD COLUMN original_resolution_due_at TEXT;
ALTER TABLE cases ADD COLUMN extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1));
ALTER TABLE cases ADD COLUMN paused_since TEXT;
ALTER TABLE cases ADD COLUMN supplement_due_at TEXT;
ALTER TABLE cases ADD COLUMN closed_at TEXT;
ALTER TABLE cases ADD COLUMN not_processed_code TEXT
  CHECK (not_processed_code IS NULL OR not_processed_code IN ('anonymous', 'repeated', 'duplicate', 'no_specific_content'));
ALTER TABLE cases ADD COLUMN escalations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN transfers INTEGER NOT NULL DEFAULT 0;
-- Agency legs with their own internal clocks, as JSON from the workflow snapshot.
ALTER TABLE cases ADD COLUMN legs TEXT NOT NULL DEFAULT '[]';
-- Assisted channel: who filed for the citizen (counter officer or registered helper 資訊代理人).
ALTER TABLE cases ADD COLUMN filed_by_id TEXT REFERENCES users(id);
CREATE INDEX cases_agency_sla ON cases(agency_id, sla_state, resolution_due_at);
CREATE INDEX cases_assignee ON cases(assignee_id, state);

-- The citizen's recorded consent for assisted filing.
CREATE TABLE case_consents (
  case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  citizen_id TEXT NOT NULL REFERENCES users(id),
  proxy_id TEXT NOT NULL REFERENCES users(id),
  method TEXT NOT NULL CHECK (method IN ('signed_form', 'verbal_recorded', 'digital')),
  statement TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);

ALTER TABLE users ADD COLUMN helper INTEGER NOT NULL DEFAULT 0 CHECK (helper IN (0, 1));

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- '<case id>:<event seq>:<user id>': a retried projection never notifies twice.
  dedupe_key TEXT NOT NULL UNIQUE,
  case_id TEXT REFERENCES cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_inbox ON notifications(user_id, read_at, id DESC);

CREATE TABLE notification_preferences (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email')),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (user_id, channel)
);

CREATE TABLE email_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX email_outbox_due ON email_outbox(state, next_attempt_at);

-- Local development only: e-mails captured instead of sent, shown on /dev/mailbox.
CREATE TABLE dev_mailbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email_id INTEGER NOT NULL UNIQUE REFERENCES email_outbox(id) ON DELETE CASCADE,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  captured_at TEXT NOT NULL
);

-- Ad-hoc office closures (typhoon days 停止上班): all agencies, or one agency's area.
CREATE TABLE calendar_closures (
  date TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '*',
  reason TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (date, scope)
);

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL,
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id);
