-- E-mailed account links: finishing a registration and resetting a password. Registration never
-- says whether an address has an account: it answers alike and the mailbox decides what happens,
-- so an account is created only through the link sent to its address. Only a SHA-256 of the
-- token is stored; a link is used once (used_at) and expires. The registration's password hash
-- waits here, so the confirm page only has to press a button.
CREATE TABLE account_links (
  token_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'reset')),
  -- The account: for 'register', the not-yet-active row (password_hash 'pending') of the address.
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  -- 'register' only: what the person typed when registering.
  password_hash TEXT,
  display_name TEXT,
  locale TEXT CHECK (locale IN ('zh-TW', 'en')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  -- A random id of the request that used the link: the statements batched after the use run only
  -- for that request, so two presses of one link cannot both act.
  use_id TEXT,
  CHECK ((purpose = 'register') = (password_hash IS NOT NULL))
);
CREATE INDEX account_links_user ON account_links(user_id, purpose);
