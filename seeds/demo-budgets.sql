-- Residents' eligibility data for participatory budgeting (identity level, district, birth date).
INSERT OR IGNORE INTO budget_resident_profiles (user_id, district_code, birth_date, identity_level) VALUES
  ('u-citizen', 'DA', '1985-04-12', 'verified'),
  ('u-citizen-en', 'XY', '1992-09-30', 'verified'),
  ('u-helper', 'DA', '1958-01-20', 'verified');
