-- Demo data for local development and tests: one city government with its agencies, service
-- types, an account for every role and a few cases. Every demo account's password: civic-demo-2026
-- Idempotent: safe to apply again.

INSERT OR IGNORE INTO agencies (id, name_zh, name_en, parent_id, oversight_agency_id) VALUES
  ('TPE', '臺北市政府', 'Taipei City Government', NULL, NULL),
  ('TPE-RDEC', '臺北市政府研究發展考核委員會', 'Taipei City Research, Development and Evaluation Commission', 'TPE', NULL),
  ('TPE-DOT', '臺北市政府交通局', 'Taipei City Department of Transportation', 'TPE', 'TPE-RDEC'),
  ('TPE-DEP', '臺北市政府環境保護局', 'Taipei City Department of Environmental Protection', 'TPE', 'TPE-RDEC'),
  ('TPE-PWD', '臺北市政府工務局', 'Taipei City Public Works Department', 'TPE', 'TPE-RDEC');

INSERT OR IGNORE INTO service_types (code, agency_id, kind, name_zh, name_en, ack_period, resolution_period) VALUES
  ('GRV-TRAFFIC', 'TPE-DOT', 'grievance', '交通號誌、標線與停車陳情', 'Traffic signals, markings and parking', '3wd', '30d'),
  ('GRV-NOISE', 'TPE-DEP', 'grievance', '噪音與空氣污染陳情', 'Noise and air pollution', '3wd', '30d'),
  ('GRV-ROAD', 'TPE-PWD', 'grievance', '道路坑洞與人行道陳情', 'Potholes and sidewalks', '3wd', '30d'),
  ('APP-ROAD-DIG', 'TPE-PWD', 'application', '道路挖掘許可申請', 'Road excavation permit', '3wd', '2mo');

-- Extra fields the road excavation permit asks for (the filing form is rendered from these).
UPDATE service_types SET form_schema = '[{"name":"contractor","type":"text","labelZh":"施工廠商","labelEn":"Contractor","required":true,"maxLength":100},{"name":"startDate","type":"date","labelZh":"預定開工日","labelEn":"Planned start","required":true},{"name":"lengthMetres","type":"number","labelZh":"挖掘長度（公尺）","labelEn":"Length (metres)","required":true},{"name":"purpose","type":"select","labelZh":"用途","labelEn":"Purpose","required":true,"options":[{"value":"water","labelZh":"自來水","labelEn":"Water"},{"value":"power","labelZh":"電力","labelEn":"Power"},{"value":"telecom","labelZh":"電信","labelEn":"Telecom"}]}]'
  WHERE code = 'APP-ROAD-DIG' AND form_schema = '[]';

INSERT OR IGNORE INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at) VALUES
  ('u-citizen', 'citizen@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '陳小明', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-citizen-en', 'resident@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', 'Alex Lin', 'citizen', NULL, 'en', '2026-01-01T00:00:00.000Z'),
  ('u-officer-dot', 'officer.dot@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '王承辦（交通局）', 'officer', 'TPE-DOT', 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-officer-dep', 'officer.dep@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '李承辦（環保局）', 'officer', 'TPE-DEP', 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-officer-pwd', 'officer.pwd@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '陳承辦（工務局）', 'officer', 'TPE-PWD', 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-supervisor-dot', 'supervisor.dot@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '張科長（交通局）', 'supervisor', 'TPE-DOT', 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-manager', 'manager@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '研考會管考員', 'manager', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-oversight', 'oversight@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '研考會列管人員', 'officer', 'TPE-RDEC', 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-helper', 'helper@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '林阿姨（社區資訊代理人）', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z'),
  ('u-admin', 'admin@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '平台管理員', 'admin', NULL, 'en', '2026-01-01T00:00:00.000Z');

-- The community helper (資訊代理人) may file for neighbours with their consent.
UPDATE users SET helper = 1 WHERE id = 'u-helper';
