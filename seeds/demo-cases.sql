-- A few demo cases filed recently; their workflows start through the outbox like any submission.
-- Dates are relative to the moment this file is applied.

INSERT OR IGNORE INTO cases (id, service_type_code, agency_id, citizen_id, subject, description, location, state, received_at, updated_at) VALUES
  ('00000000-DEM001', 'GRV-TRAFFIC', 'TPE-DOT', 'u-citizen', '路口號誌秒數太短', '信義路與基隆路口的行人綠燈秒數太短，長者來不及通過，請延長秒數。', '信義路五段與基隆路口', 'received', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day')),
  ('00000000-DEM002', 'GRV-NOISE', 'TPE-DEP', 'u-citizen', '夜間施工噪音', '住家旁工地每天晚上十點後仍在施工，噪音嚴重影響睡眠。', '大安區和平東路二段', 'received', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days')),
  ('00000000-DEM003', 'GRV-TRAFFIC', 'TPE-DOT', 'u-citizen-en', 'Faded zebra crossing', 'The zebra crossing in front of the primary school has faded and drivers do not stop.', 'Zhongshan District, Nongan St.', 'received', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 days'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 days'));

INSERT OR IGNORE INTO case_events (case_id, seq, type, actor_id, body, occurred_at)
  SELECT id, 0, 'filed', citizen_id, '{}', received_at FROM cases WHERE id LIKE '00000000-DEM%';

INSERT OR IGNORE INTO outbox (kind, aggregate_id, payload, next_attempt_at, created_at)
  SELECT 'start_case_workflow', c.id,
    json_object('caseId', c.id, 'kind', s.kind, 'agencyId', c.agency_id, 'serviceTypeCode', s.code,
                'receivedAt', c.received_at, 'ackPeriod', s.ack_period, 'resolutionPeriod', s.resolution_period,
                'closures', json('[]')),
    c.received_at, c.received_at
  FROM cases c JOIN service_types s ON s.code = c.service_type_code WHERE c.id LIKE '00000000-DEM%';
