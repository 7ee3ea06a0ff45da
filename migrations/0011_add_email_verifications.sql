-- E-mail address verification: a one-time token sent by e-mail. Opening the link shows a page
-- whose button POSTs the token; a GET never uses it up, so mail scanners that follow links
-- cannot verify an address on the owner's behalf. Only a SHA-256 of the token is stored.
CREATE TABLE email_verifications (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX email_verifications_user ON email_verifications(user_id, created_at);
