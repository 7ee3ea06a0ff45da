-- Consultation demo data: the demo citizens' e-mail addresses count as verified (the default
-- identity level for commenting on a consultation). Idempotent: safe to apply again.
UPDATE users SET email_verified_at = '2026-01-01T00:00:00.000Z'
  WHERE email_verified_at IS NULL AND id IN ('u-citizen', 'u-citizen-en', 'u-helper');
