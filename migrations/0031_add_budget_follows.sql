-- Residents who follow a budgeting round: they (and the proposers of its projects) get e-mail
-- when voting opens, when results are published and when a project reports progress. Voters are
-- never an audience: nothing may be derived from the ballot box or the has-voted list.
CREATE TABLE budget_round_follows (
  round_id TEXT NOT NULL REFERENCES budget_rounds(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (round_id, user_id)
);
CREATE INDEX budget_round_follows_user ON budget_round_follows(user_id);

-- The feasibility-review queue pages through a round's projects by state.
CREATE INDEX budget_projects_review_queue ON budget_projects(round_id, state, district_code, id);
