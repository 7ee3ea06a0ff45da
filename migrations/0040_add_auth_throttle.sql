-- Failed sign-ins and registrations counted per account and per network, to answer floods with 429.
-- Keys are hashes ('account:<sha256 of the e-mail>', 'network:<sha256 of the address>'), never
-- the e-mail or IP address itself.
CREATE TABLE auth_throttle (
  key TEXT PRIMARY KEY,
  attempts INTEGER NOT NULL,
  -- Epoch milliseconds at which the current counting window opened.
  window_start INTEGER NOT NULL
);
