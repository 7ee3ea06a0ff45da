-- Consultation demo data: the demo citizens' e-mail addresses are confirmed, i.e. platform level
-- email_verified (what the default comment rule needs), raised only: demo-petitions.sql makes
-- them verified persons, which counts too. Idempotent: safe to apply again.
UPDATE users SET email_verified_at = '2026-01-01T00:00:00.000Z'
  WHERE email_verified_at IS NULL AND id IN ('u-citizen', 'u-citizen-en', 'u-helper');
UPDATE users SET identity_level = 'email_verified'
  WHERE identity_level = 'none' AND id IN ('u-citizen', 'u-citizen-en', 'u-helper');
