-- A few demo cases filed recently; their workflows start through the outbox like any submission.
-- Dates are relative to the moment this file is applied. Case numbers look like real ones: the
-- Taipei date of receipt and six Crockford base-32 characters. Applying the file again (on a
-- later day too) adds nothing: a demo case is recognised by its fixed suffix.

INSERT INTO cases (id, service_type_code, agency_id, citizen_id, subject, description, location, state, received_at, updated_at)
  SELECT strftime('%Y%m%d', d.received_at, '+8 hours') || '-' || d.suffix, d.type, d.agency, d.citizen, d.subject, d.description, d.location,
         'received', d.received_at, d.received_at
  FROM (
    SELECT '7KQ2MX' AS suffix, 'GRV-TRAFFIC' AS type, 'TPE-DOT' AS agency, 'u-citizen' AS citizen, '路口號誌秒數太短' AS subject,
           '信義路與基隆路口的行人綠燈秒數太短，長者來不及通過，請延長秒數。' AS description, '信義路五段與基隆路口' AS location,
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day') AS received_at
    UNION ALL SELECT '3HW9PA', 'GRV-NOISE', 'TPE-DEP', 'u-citizen', '夜間施工噪音',
           '住家旁工地每天晚上十點後仍在施工，噪音嚴重影響睡眠。', '大安區和平東路二段', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 days')
    UNION ALL SELECT 'B8N4TR', 'GRV-TRAFFIC', 'TPE-DOT', 'u-citizen-en', 'Faded zebra crossing',
           'The zebra crossing in front of the primary school has faded and drivers do not stop.', 'Zhongshan District, Nongan St.',
           strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 days')
  ) AS d
  WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE substr(c.id, 10) = d.suffix);

INSERT OR IGNORE INTO case_events (case_id, seq, type, actor_id, body, occurred_at)
  SELECT id, 0, 'filed', citizen_id, '{}', received_at FROM cases WHERE substr(id, 10) IN ('7KQ2MX', '3HW9PA', 'B8N4TR');

INSERT OR IGNORE INTO outbox (kind, aggregate_id, payload, next_attempt_at, created_at)
  SELECT 'start_case_workflow', c.id,
    json_object('caseId', c.id, 'kind', s.kind, 'agencyId', c.agency_id, 'serviceTypeCode', s.code,
                'receivedAt', c.received_at, 'ackPeriod', s.ack_period, 'resolutionPeriod', s.resolution_period,
                'closures', json('[]')),
    c.received_at, c.received_at
  FROM cases c JOIN service_types s ON s.code = c.service_type_code WHERE substr(c.id, 10) IN ('7KQ2MX', '3HW9PA', 'B8N4TR');
