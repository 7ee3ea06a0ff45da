-- Opens the platform tables to the legs that follow cases (petitions, consultations, budget
-- rounds): the outbox accepts their workflow starts and workflow signals, and a notification
-- can point at any page (not only a case).

CREATE TABLE outbox_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN (
    'start_case_workflow',
    'start_petition_workflow',
    'start_consultation_workflow',
    'start_budget_round_workflow',
    'signal_workflow'
  )),
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
INSERT INTO outbox_next (id, kind, aggregate_id, payload, state, attempts, next_attempt_at, last_error, created_at, done_at)
  SELECT id, kind, aggregate_id, payload, state, attempts, next_attempt_at, last_error, created_at, done_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- In-app path of what the notification is about, e.g. '/petitions/P-2026-0001'; NULL for case
-- notifications, which link by case_id.
ALTER TABLE notifications ADD COLUMN link TEXT;
