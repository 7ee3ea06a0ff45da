-- Core schema: agencies, accounts, sessions, service types, cases with their timeline, outbox, audit.
-- Lifecycle states are mirrored by TypeScript unions in worker/db/*.ts.

CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  parent_id TEXT REFERENCES agencies(id),
  -- The agency's oversight (研考) unit, itself an agency row; NULL for top-level oversight bodies.
  oversight_agency_id TEXT REFERENCES agencies(id)
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('citizen', 'officer', 'supervisor', 'manager', 'admin')),
  agency_id TEXT REFERENCES agencies(id),
  locale TEXT NOT NULL DEFAULT 'zh-TW' CHECK (locale IN ('zh-TW', 'en')),
  created_at TEXT NOT NULL,
  CHECK ((role IN ('officer', 'supervisor')) = (agency_id IS NOT NULL))
);

-- Browser sessions and API bearer tokens; only a SHA-256 of the secret is stored.
CREATE TABLE credentials (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'api_token')),
  label TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX credentials_user ON credentials(user_id);

CREATE TABLE service_types (
  code TEXT PRIMARY KEY,
  agency_id TEXT NOT NULL REFERENCES agencies(id),
  kind TEXT NOT NULL CHECK (kind IN ('grievance', 'application')),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  -- Periods in the deadline library's notation: '3wd' working days, '30d' calendar days, '2mo' months.
  ack_period TEXT NOT NULL,
  resolution_period TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  service_type_code TEXT NOT NULL REFERENCES service_types(code),
  agency_id TEXT NOT NULL REFERENCES agencies(id),
  citizen_id TEXT NOT NULL REFERENCES users(id),
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  location TEXT,
  state TEXT NOT NULL CHECK (state IN (
    'received', 'accepted', 'awaiting_supplement', 'in_progress', 'transferred',
    'extended', 'replied', 'closed', 'reopened', 'not_processed')),
  received_at TEXT NOT NULL,
  ack_due_date TEXT,
  resolution_due_date TEXT,
  replied_at TEXT,
  -- Highest workflow event sequence applied; projections ignore events at or below it.
  last_seq INTEGER NOT NULL DEFAULT 0,
  workflow_started_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX cases_citizen ON cases(citizen_id, received_at DESC);
CREATE INDEX cases_agency_open ON cases(agency_id, state, ack_due_date);

CREATE TABLE case_events (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  -- 0 is the intake event written by the API; 1.. come from the case workflow in order.
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor_id TEXT,
  body TEXT NOT NULL DEFAULT '{}',
  occurred_at TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('start_case_workflow')),
  aggregate_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT,
  UNIQUE (kind, aggregate_id)
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  actor_id TEXT REFERENCES users(id),
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  at TEXT NOT NULL
);
CREATE INDEX audit_target ON audit_log(target, at);
