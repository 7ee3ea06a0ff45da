-- Manager dashboard and public accountability: per-case outcomes computed when a case is
-- answered, the citizen's satisfaction survey, escalation acknowledgements, and the daily public
-- statistics snapshot.

ALTER TABLE cases ADD COLUMN priority_tier TEXT NOT NULL DEFAULT 'normal'
  CHECK (priority_tier IN ('most_urgent', 'urgent', 'normal'));
-- Set when the case is answered or closed as not processed; null while open or reopened.
ALTER TABLE cases ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('met', 'breached', 'not_processed'));
-- Working days (fractional) from receipt to the reply, by the official calendar.
ALTER TABLE cases ADD COLUMN handling_working_days REAL;
ALTER TABLE cases ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;
-- The citizen's satisfaction survey after the answer (1 = very dissatisfied … 5 = very satisfied).
ALTER TABLE cases ADD COLUMN satisfaction_score INTEGER CHECK (satisfaction_score IS NULL OR satisfaction_score BETWEEN 1 AND 5);
ALTER TABLE cases ADD COLUMN satisfaction_comment TEXT;
ALTER TABLE cases ADD COLUMN satisfaction_at TEXT;
-- Covering indexes: the performance report reads only index pages (measured 3-4x faster on
-- 100,000 cases than an index on (agency_id, received_at) with table lookups).
CREATE INDEX cases_performance ON cases(agency_id, received_at, service_type_code, outcome,
  handling_working_days, state, resolution_due_at, transfers, reopen_count, satisfaction_score);
CREATE INDEX cases_trend ON cases(agency_id, replied_at, outcome);
-- The SLA board: open cases per agency by SLA state, in due order.
CREATE INDEX cases_open_sla ON cases(agency_id, state, sla_state, resolution_due_at);

CREATE TABLE escalation_acks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  comment TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX escalation_acks_case ON escalation_acks(case_id, id DESC);

CREATE TABLE public_stats (
  as_of TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  computed_at TEXT NOT NULL
);
