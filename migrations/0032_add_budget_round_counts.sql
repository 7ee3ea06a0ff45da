-- Counting off the Worker (issue 10): the Temporal activity counts a round and posts the results
-- back, in parts when they exceed one request body. A round's results are stored once: the
-- first complete count writes `budget_round_counts` and the results in one batch; a retried
-- activity (the same deterministic count) finds the row and changes nothing.

CREATE TABLE budget_round_counts (
  round_id TEXT PRIMARY KEY REFERENCES budget_rounds(id) ON DELETE CASCADE,
  -- SHA-256 of the serialized results, so every attempt of one count carries the same id.
  count_id TEXT NOT NULL,
  parts INTEGER NOT NULL CHECK (parts >= 1),
  stored_at TEXT NOT NULL
);

-- Parts of a count received so far (only while a chunked count is arriving; deleted when stored).
CREATE TABLE budget_result_parts (
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  count_id TEXT NOT NULL,
  part INTEGER NOT NULL CHECK (part >= 0),
  parts INTEGER NOT NULL CHECK (parts >= 1),
  chunk TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (round_id, count_id, part)
);
