-- Outbox rows are claimed before they are sent (issue 11): a drain takes due rows with
-- UPDATE ... RETURNING, writing its claim token and pushing next_attempt_at to the end of its
-- lease, so concurrent drains (every request's, every cron tick's, every queue batch's) never
-- take the same row, and a row whose drain died comes back when the lease expires.
-- claim_token is NULL while nobody holds the row.
ALTER TABLE outbox ADD COLUMN claim_token TEXT;

-- Queue messages name a row by (kind, aggregate_id), which UNIQUE already indexes.
