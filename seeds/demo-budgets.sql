-- Residents' eligibility data for participatory budgeting (district, birth date). The identity
-- level is the platform's: these residents are verified persons (raised only, never lowered).
UPDATE users SET identity_level = 'verified_person' WHERE id IN ('u-citizen', 'u-citizen-en', 'u-helper');
INSERT OR IGNORE INTO budget_resident_profiles (user_id, district_code, birth_date) VALUES
  ('u-citizen', 'DA', '1985-04-12'),
  ('u-citizen-en', 'XY', '1992-09-30'),
  ('u-helper', 'DA', '1958-01-20');
