-- The case engine under faults and change: projections the edge refused (shown as stuck until
-- accepted), which legal deadline a case missed, and indexes for the public Open311 list.

-- One row per case whose projection the edge refused ('signature' when the request could not be
-- authenticated, 'malformed' when no case id could be read). The Temporal worker retries with
-- backoff (at most a minute apart), so a row refreshed recently means a workflow is stuck there.
CREATE TABLE projection_refusals (
  key TEXT PRIMARY KEY,
  case_id TEXT,
  status INTEGER NOT NULL,
  code TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  first_at TEXT NOT NULL,
  last_at TEXT NOT NULL
);
CREATE INDEX projection_refusals_recent ON projection_refusals(last_at);

-- A missed acknowledgement (受理) deadline is a breach like a missed answer.
ALTER TABLE cases ADD COLUMN ack_missed INTEGER NOT NULL DEFAULT 0 CHECK (ack_missed IN (0, 1));
-- For answered cases: which legal deadline was missed, if any.
ALTER TABLE cases ADD COLUMN missed_deadline TEXT
  CHECK (missed_deadline IS NULL OR missed_deadline IN ('ack', 'answer', 'ack_and_answer'));
CREATE INDEX cases_missed_deadline ON cases(agency_id, received_at, missed_deadline) WHERE missed_deadline IS NOT NULL;

-- Open311 requests.json lists newest first, optionally by service code, without sorting the table.
CREATE INDEX cases_received ON cases(received_at DESC, id);
CREATE INDEX cases_service_received ON cases(service_type_code, received_at DESC, id);
