-- Participatory budgeting (參與式預算): rounds with districts, projects, secret ballots,
-- has-voted records, results and implementation tracking.
--
-- Secret ballot. `budget_ballots` holds no reference to a voter, no timestamp and no insertion
-- order (WITHOUT ROWID, keyed by a random id, so its physical order says nothing about who voted
-- when). Who has voted lives in `budget_voters`, which holds no reference to a ballot. The only
-- thing that connects the two is the voter's receipt code, which is random, shown once to the
-- voter and never stored: the ballot keeps SHA-256('ballot:' || receipt), the has-voted row
-- SHA-256('voter:' || receipt). Staff holding the whole database cannot link them; the voter,
-- holding the receipt, can replace their ballot before the close.

CREATE TABLE budget_rounds (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  phase TEXT NOT NULL CHECK (phase IN ('proposals', 'review', 'voting', 'tallying', 'results', 'implementation')),
  rule TEXT NOT NULL CHECK (rule IN (
    'greedy', 'greedy-no-skip', 'greedy-threshold', 'equalshares', 'equalshares/add1',
    'equalshares/add1-comparison', 'equalshares/add1-greedy'
  )),
  -- BallotSettings of domain/tally without the knapsack budget (each district's own budget).
  ballot TEXT NOT NULL,
  min_project_score INTEGER,
  currency TEXT NOT NULL DEFAULT 'TWD',
  proposals_end_at TEXT NOT NULL,
  review_end_at TEXT NOT NULL,
  voting_end_at TEXT NOT NULL,
  results_end_at TEXT NOT NULL,
  min_age INTEGER NOT NULL DEFAULT 0,
  min_identity_level TEXT NOT NULL DEFAULT 'basic' CHECK (min_identity_level IN ('basic', 'verified')),
  district_rule TEXT NOT NULL DEFAULT 'residence' CHECK (district_rule IN ('residence', 'any')),
  source TEXT NOT NULL DEFAULT 'live' CHECK (source IN ('live', 'pabulib')),
  -- Last projection event applied (per-round sequence), so retries never move a round back.
  seq INTEGER NOT NULL DEFAULT 0,
  workflow_started_at TEXT,
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);

CREATE TABLE budget_districts (
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  budget INTEGER NOT NULL CHECK (budget >= 0),
  PRIMARY KEY (round_id, code)
);

-- Project ids are per round (imported Pabulib files number their projects 1, 2, 3 ...).
CREATE TABLE budget_projects (
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  district_code TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  estimated_cost INTEGER,
  cost INTEGER CHECK (cost IS NULL OR cost >= 0),
  latitude REAL,
  longitude REAL,
  state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'rejected')),
  review_reason TEXT,
  reviewed_by TEXT REFERENCES users(id),
  reviewed_at TEXT,
  proposed_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (round_id, id),
  FOREIGN KEY (round_id, district_code) REFERENCES budget_districts(round_id, code)
);

-- The ballot box: no voter, no time, no order.
CREATE TABLE budget_ballots (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  district_code TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'import')),
  -- JSON array of project ids (in rank order for ordinal ballots).
  projects TEXT NOT NULL,
  -- JSON array of points aligned with projects (cumulative ballots), else NULL.
  points TEXT,
  -- SHA-256('ballot:' || receipt); NULL for imported ballots.
  receipt_hash TEXT UNIQUE
) WITHOUT ROWID;
CREATE INDEX budget_ballots_round ON budget_ballots(round_id, district_code);

-- Has voted: one row per (round, voter), never a ballot reference.
CREATE TABLE budget_voters (
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  voter_id TEXT NOT NULL REFERENCES users(id),
  district_code TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'paper')),
  -- SHA-256('voter:' || receipt) of the voter's current ballot: proves a receipt is theirs.
  voter_tag TEXT NOT NULL,
  -- Only the day: a time of day could be matched against access logs of the ballot insert.
  voted_on TEXT NOT NULL,
  PRIMARY KEY (round_id, voter_id)
);
CREATE INDEX budget_voters_turnout ON budget_voters(round_id, district_code);

-- Eligibility data of residents (identity level, district of residence, birth date).
CREATE TABLE budget_resident_profiles (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  district_code TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  identity_level TEXT NOT NULL CHECK (identity_level IN ('basic', 'verified'))
);

CREATE TABLE budget_round_events (
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('phase_started', 'phase_extended', 'tallied')),
  phase TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  -- Public reason of an extension; never personal data.
  reason TEXT,
  PRIMARY KEY (round_id, seq)
);

CREATE TABLE budget_results (
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  district_code TEXT NOT NULL,
  rule TEXT NOT NULL,
  ballots INTEGER NOT NULL,
  selected TEXT NOT NULL,
  total_cost INTEGER NOT NULL,
  -- The tally's explanation, exact numbers as decimal strings.
  explanation TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (round_id, district_code)
);

CREATE TABLE budget_project_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
  note TEXT NOT NULL,
  -- JSON array of photo metadata {url, caption, takenOn}; the photos live elsewhere.
  photos TEXT NOT NULL DEFAULT '[]',
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  FOREIGN KEY (round_id, project_id) REFERENCES budget_projects(round_id, id) ON DELETE CASCADE
);
CREATE INDEX budget_project_updates_project ON budget_project_updates(round_id, project_id, id);
