-- The fuller demo catalogue for `./civic start` and the integration stack (API tests keep the
-- four-type catalogue of demo.sql): more categories, "not sure / other", and the central dispatch
-- desk (一處收件, like Taipei's 1999) that routes such cases to the competent agency within the
-- transfer window, with an officer for it. Idempotent: safe to apply again.

INSERT OR IGNORE INTO agencies (id, name_zh, name_en, parent_id, oversight_agency_id) VALUES
  ('TPE-1999', '臺北市政府1999市民當家熱線（派案中心）', 'Taipei 1999 Citizen Hotline (central dispatch desk)', 'TPE', 'TPE-RDEC');

INSERT OR IGNORE INTO service_types (code, agency_id, kind, name_zh, name_en, ack_period, resolution_period) VALUES
  ('GRV-STREETLIGHT', 'TPE-PWD', 'grievance', '路燈故障或不亮', 'Streetlight out or broken', '3wd', '30d'),
  ('GRV-DRAIN', 'TPE-PWD', 'grievance', '水溝堵塞與積水', 'Blocked drains and flooding', '3wd', '30d'),
  ('GRV-TREE', 'TPE-PWD', 'grievance', '路樹與公園設施', 'Street trees and park facilities', '3wd', '30d'),
  ('GRV-PARKING', 'TPE-DOT', 'grievance', '違規停車', 'Illegal parking', '3wd', '30d'),
  ('GRV-GARBAGE', 'TPE-DEP', 'grievance', '垃圾清運與環境髒亂', 'Rubbish collection and litter', '3wd', '30d'),
  ('GRV-OTHER', 'TPE-1999', 'grievance', '不確定 / 其他（由派案中心分派）', 'Not sure / other (routed by the dispatch desk)', '3wd', '30d');

INSERT OR IGNORE INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at) VALUES
  ('u-officer-1999', 'officer.1999@demo.civic.tw', 'pbkdf2-sha256$100000$T0gahseixNC0Gzh_4SXmeA$ea4tzILD6mYGVNP0bFWec6vgVmxestKCIcqWgUru1RU', '黃派案員（1999 派案中心）', 'officer', 'TPE-1999', 'zh-TW', '2026-01-01T00:00:00.000Z');
