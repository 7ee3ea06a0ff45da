-- Citizens filed for at a counter may have no e-mail address: a phone number or a postal address
-- reaches them instead (their notifications are printed or read out by the counter officer). Such
-- accounts carry a placeholder address in the reserved '.invalid' domain, which never receives mail.
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN postal_address TEXT;
CREATE UNIQUE INDEX users_phone ON users(phone) WHERE phone IS NOT NULL;

-- Claiming an account created by assisted filing (no password yet): a link sent to its e-mail
-- address, or a code the counter officer hands to the citizen after checking their phone number.
-- Only a SHA-256 of the secret is stored.
CREATE TABLE account_claims (
  secret_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'counter')),
  issued_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX account_claims_user ON account_claims(user_id);
