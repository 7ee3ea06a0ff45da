-- Endorsement confirmation by e-mail (like the UK petitions site) and rate limits counted from
-- the endorsements themselves.
--
-- `email_confirmation`: 'off' (default, Taiwan's Join: only accounts at the required identity
-- level endorse, at once), 'below_level' (accounts below the level may endorse, but the
-- endorsement stays pending until its e-mailed link is confirmed), 'always' (as 'below_level',
-- and every other endorsement waits for its e-mail confirmation too). `confirmation_seconds`: how long a link stays valid.
ALTER TABLE petition_settings ADD COLUMN email_confirmation TEXT NOT NULL DEFAULT 'off'
  CHECK (email_confirmation IN ('off', 'below_level', 'always'));
ALTER TABLE petition_settings ADD COLUMN confirmation_seconds INTEGER NOT NULL DEFAULT 259200
  CHECK (confirmation_seconds >= 1);

-- Set while the endorsement waits for its e-mail confirmation (state 'pending', not counted);
-- past this instant it has expired and the person may endorse afresh. NULL otherwise, so staff
-- approval of burst-flagged pending endorsements never approves an unconfirmed one.
ALTER TABLE petition_endorsements ADD COLUMN confirm_by TEXT;

-- The per-account and per-network rate limits count recent endorsements through these, inside
-- the endorsement's own statement (exact under concurrency: D1 runs one writer at a time).
CREATE INDEX petition_endorsements_user_time ON petition_endorsements(user_id, endorsed_at);
CREATE INDEX petition_endorsements_network_time ON petition_endorsements(network, endorsed_at);

-- The e-mailed single-use link: only a SHA-256 of the token is stored. Opening the link shows a
-- page whose button POSTs the token; a GET never uses it up (mail scanners follow links).
CREATE TABLE petition_endorsement_confirmations (
  token_hash TEXT PRIMARY KEY,
  petition_id TEXT NOT NULL REFERENCES petitions(id),
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX petition_endorsement_confirmations_endorsement ON petition_endorsement_confirmations(petition_id, user_id);
