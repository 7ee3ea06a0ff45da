-- One platform identity level: users.identity_level (none < email_verified < verified_person,
-- CHECK from 0010, mirrored by worker/platform/identity.ts). The two other notions are carried
-- onto it, only ever raising a level:
-- * consultations' users.email_verified_at: a confirmed address is level email_verified. The
--   column stays as the fact "confirmed at" (registration and the e-mailed link still set it);
--   no rule reads it any more.
-- * budgets' budget_resident_profiles.identity_level: 'verified' was a verified person; 'basic'
--   proved nothing beyond the account, so it carries nothing. The profile keeps district and
--   birth date; the column is dropped (a column CHECK, no index, key or view uses it, so SQLite's
--   DROP COLUMN needs no table rebuild).
UPDATE users SET identity_level = 'email_verified'
  WHERE identity_level = 'none' AND email_verified_at IS NOT NULL;

UPDATE users SET identity_level = 'verified_person'
  WHERE identity_level != 'verified_person'
    AND id IN (SELECT user_id FROM budget_resident_profiles WHERE identity_level = 'verified');

ALTER TABLE budget_resident_profiles DROP COLUMN identity_level;
