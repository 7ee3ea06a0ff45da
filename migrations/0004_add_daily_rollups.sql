-- Daily rollups of the case read model, kept exact by triggers in the same transaction as every
-- change to a case: long performance reports read a few rows per agency and day instead of
-- every case. Days are Taipei dates: of receipt (case_daily, case_daily_handling) or of the
-- answer (case_replied_daily, for weekly trends). Open-and-overdue cases are counted live.

CREATE TABLE case_daily (
  day TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  service_type_code TEXT NOT NULL,
  cases INTEGER NOT NULL DEFAULT 0,
  met INTEGER NOT NULL DEFAULT 0,
  breached INTEGER NOT NULL DEFAULT 0,
  not_processed INTEGER NOT NULL DEFAULT 0,
  transfers INTEGER NOT NULL DEFAULT 0,
  reopened INTEGER NOT NULL DEFAULT 0,
  satisfaction_sum INTEGER NOT NULL DEFAULT 0,
  satisfaction_n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, service_type_code)
);

-- Handling time histogram, a tenth of a working day per bucket.
CREATE TABLE case_daily_handling (
  day TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  service_type_code TEXT NOT NULL,
  d REAL NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, service_type_code, d)
);

CREATE TABLE case_replied_daily (
  day TEXT NOT NULL,
  agency_id TEXT NOT NULL,
  service_type_code TEXT NOT NULL,
  met INTEGER NOT NULL DEFAULT 0,
  breached INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, service_type_code)
);

CREATE TRIGGER cases_rollup_insert AFTER INSERT ON cases BEGIN
  INSERT INTO case_daily (day, agency_id, service_type_code, cases, met, breached, not_processed, transfers, reopened, satisfaction_sum, satisfaction_n)
  VALUES (date(NEW.received_at, '+8 hours'), NEW.agency_id, NEW.service_type_code, 1, (NEW.outcome IS 'met'), (NEW.outcome IS 'breached'),
    (NEW.outcome IS 'not_processed'), NEW.transfers, (NEW.reopen_count > 0), COALESCE(NEW.satisfaction_score, 0), (NEW.satisfaction_score IS NOT NULL))
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET
    cases = cases + excluded.cases, met = met + excluded.met, breached = breached + excluded.breached,
    not_processed = not_processed + excluded.not_processed, transfers = transfers + excluded.transfers,
    reopened = reopened + excluded.reopened, satisfaction_sum = satisfaction_sum + excluded.satisfaction_sum,
    satisfaction_n = satisfaction_n + excluded.satisfaction_n;
  INSERT INTO case_daily_handling (day, agency_id, service_type_code, d, n)
  SELECT date(NEW.received_at, '+8 hours'), NEW.agency_id, NEW.service_type_code, ROUND(NEW.handling_working_days, 1), 1
  WHERE NEW.handling_working_days IS NOT NULL AND NEW.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code, d) DO UPDATE SET n = n + excluded.n;
  INSERT INTO case_replied_daily (day, agency_id, service_type_code, met, breached)
  SELECT date(NEW.replied_at, '+8 hours'), NEW.agency_id, NEW.service_type_code, (NEW.outcome IS 'met'), (NEW.outcome IS 'breached')
  WHERE NEW.replied_at IS NOT NULL AND NEW.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET met = met + excluded.met, breached = breached + excluded.breached;
END;

CREATE TRIGGER cases_rollup_update AFTER UPDATE OF agency_id, service_type_code, received_at, replied_at, outcome,
  handling_working_days, transfers, reopen_count, satisfaction_score ON cases BEGIN
  INSERT INTO case_daily (day, agency_id, service_type_code, cases, met, breached, not_processed, transfers, reopened, satisfaction_sum, satisfaction_n)
  VALUES (date(OLD.received_at, '+8 hours'), OLD.agency_id, OLD.service_type_code, -1, -(OLD.outcome IS 'met'), -(OLD.outcome IS 'breached'),
    -(OLD.outcome IS 'not_processed'), -OLD.transfers, -(OLD.reopen_count > 0), -COALESCE(OLD.satisfaction_score, 0), -(OLD.satisfaction_score IS NOT NULL))
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET
    cases = cases + excluded.cases, met = met + excluded.met, breached = breached + excluded.breached,
    not_processed = not_processed + excluded.not_processed, transfers = transfers + excluded.transfers,
    reopened = reopened + excluded.reopened, satisfaction_sum = satisfaction_sum + excluded.satisfaction_sum,
    satisfaction_n = satisfaction_n + excluded.satisfaction_n;
  INSERT INTO case_daily_handling (day, agency_id, service_type_code, d, n)
  SELECT date(OLD.received_at, '+8 hours'), OLD.agency_id, OLD.service_type_code, ROUND(OLD.handling_working_days, 1), -1
  WHERE OLD.handling_working_days IS NOT NULL AND OLD.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code, d) DO UPDATE SET n = n + excluded.n;
  INSERT INTO case_replied_daily (day, agency_id, service_type_code, met, breached)
  SELECT date(OLD.replied_at, '+8 hours'), OLD.agency_id, OLD.service_type_code, -(OLD.outcome IS 'met'), -(OLD.outcome IS 'breached')
  WHERE OLD.replied_at IS NOT NULL AND OLD.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET met = met + excluded.met, breached = breached + excluded.breached;
  INSERT INTO case_daily (day, agency_id, service_type_code, cases, met, breached, not_processed, transfers, reopened, satisfaction_sum, satisfaction_n)
  VALUES (date(NEW.received_at, '+8 hours'), NEW.agency_id, NEW.service_type_code, 1, (NEW.outcome IS 'met'), (NEW.outcome IS 'breached'),
    (NEW.outcome IS 'not_processed'), NEW.transfers, (NEW.reopen_count > 0), COALESCE(NEW.satisfaction_score, 0), (NEW.satisfaction_score IS NOT NULL))
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET
    cases = cases + excluded.cases, met = met + excluded.met, breached = breached + excluded.breached,
    not_processed = not_processed + excluded.not_processed, transfers = transfers + excluded.transfers,
    reopened = reopened + excluded.reopened, satisfaction_sum = satisfaction_sum + excluded.satisfaction_sum,
    satisfaction_n = satisfaction_n + excluded.satisfaction_n;
  INSERT INTO case_daily_handling (day, agency_id, service_type_code, d, n)
  SELECT date(NEW.received_at, '+8 hours'), NEW.agency_id, NEW.service_type_code, ROUND(NEW.handling_working_days, 1), 1
  WHERE NEW.handling_working_days IS NOT NULL AND NEW.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code, d) DO UPDATE SET n = n + excluded.n;
  INSERT INTO case_replied_daily (day, agency_id, service_type_code, met, breached)
  SELECT date(NEW.replied_at, '+8 hours'), NEW.agency_id, NEW.service_type_code, (NEW.outcome IS 'met'), (NEW.outcome IS 'breached')
  WHERE NEW.replied_at IS NOT NULL AND NEW.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET met = met + excluded.met, breached = breached + excluded.breached;
END;

CREATE TRIGGER cases_rollup_delete AFTER DELETE ON cases BEGIN
  INSERT INTO case_daily (day, agency_id, service_type_code, cases, met, breached, not_processed, transfers, reopened, satisfaction_sum, satisfaction_n)
  VALUES (date(OLD.received_at, '+8 hours'), OLD.agency_id, OLD.service_type_code, -1, -(OLD.outcome IS 'met'), -(OLD.outcome IS 'breached'),
    -(OLD.outcome IS 'not_processed'), -OLD.transfers, -(OLD.reopen_count > 0), -COALESCE(OLD.satisfaction_score, 0), -(OLD.satisfaction_score IS NOT NULL))
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET
    cases = cases + excluded.cases, met = met + excluded.met, breached = breached + excluded.breached,
    not_processed = not_processed + excluded.not_processed, transfers = transfers + excluded.transfers,
    reopened = reopened + excluded.reopened, satisfaction_sum = satisfaction_sum + excluded.satisfaction_sum,
    satisfaction_n = satisfaction_n + excluded.satisfaction_n;
  INSERT INTO case_daily_handling (day, agency_id, service_type_code, d, n)
  SELECT date(OLD.received_at, '+8 hours'), OLD.agency_id, OLD.service_type_code, ROUND(OLD.handling_working_days, 1), -1
  WHERE OLD.handling_working_days IS NOT NULL AND OLD.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code, d) DO UPDATE SET n = n + excluded.n;
  INSERT INTO case_replied_daily (day, agency_id, service_type_code, met, breached)
  SELECT date(OLD.replied_at, '+8 hours'), OLD.agency_id, OLD.service_type_code, -(OLD.outcome IS 'met'), -(OLD.outcome IS 'breached')
  WHERE OLD.replied_at IS NOT NULL AND OLD.outcome IN ('met', 'breached')
  ON CONFLICT (day, agency_id, service_type_code) DO UPDATE SET met = met + excluded.met, breached = breached + excluded.breached;
END;

-- Cases that existed before this migration.
INSERT INTO case_daily (day, agency_id, service_type_code, cases, met, breached, not_processed, transfers, reopened, satisfaction_sum, satisfaction_n)
SELECT date(received_at, '+8 hours'), agency_id, service_type_code, COUNT(*), SUM(outcome IS 'met'), SUM(outcome IS 'breached'),
  SUM(outcome IS 'not_processed'), SUM(transfers), SUM(reopen_count > 0), COALESCE(SUM(satisfaction_score), 0), COUNT(satisfaction_score)
FROM cases GROUP BY 1, 2, 3;
INSERT INTO case_daily_handling (day, agency_id, service_type_code, d, n)
SELECT date(received_at, '+8 hours'), agency_id, service_type_code, ROUND(handling_working_days, 1), COUNT(*)
FROM cases WHERE handling_working_days IS NOT NULL AND outcome IN ('met', 'breached') GROUP BY 1, 2, 3, 4;
INSERT INTO case_replied_daily (day, agency_id, service_type_code, met, breached)
SELECT date(replied_at, '+8 hours'), agency_id, service_type_code, SUM(outcome IS 'met'), SUM(outcome IS 'breached')
FROM cases WHERE replied_at IS NOT NULL AND outcome IN ('met', 'breached') GROUP BY 1, 2, 3;
