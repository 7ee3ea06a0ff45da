-- Demo participatory budgeting rounds for `./civic start` (issue 10): one in voting, one finished.
-- Their workflows really run: each round is committed with its outbox row, as POST
-- /api/v1/budget-rounds does, and the start script's outbox drain starts `budget-round-<id>`.
-- The finished round's dates are all past, so its workflow starts in the tallying phase, counts
-- the box in its activity (off the Worker), publishes the results and moves on to implementation.
-- Dates are relative to the first start (SQLite 'now', whole hours); INSERT OR IGNORE keeps a
-- restarted demo as it was. Ballot hashes come from random receipts that were thrown away.

-- Demo residents without a password (placeholder addresses in the reserved .invalid domain never
-- receive mail): the people who already voted.
INSERT OR IGNORE INTO users (id, email, password_hash, display_name, role, agency_id, locale, created_at, identity_level) VALUES
  ('u-demo-voter-01', 'demo-voter-01@accounts.invalid', 'none', '示範居民 01', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-02', 'demo-voter-02@accounts.invalid', 'none', '示範居民 02', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-03', 'demo-voter-03@accounts.invalid', 'none', '示範居民 03', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-04', 'demo-voter-04@accounts.invalid', 'none', '示範居民 04', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-05', 'demo-voter-05@accounts.invalid', 'none', '示範居民 05', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-06', 'demo-voter-06@accounts.invalid', 'none', '示範居民 06', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-07', 'demo-voter-07@accounts.invalid', 'none', '示範居民 07', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-08', 'demo-voter-08@accounts.invalid', 'none', '示範居民 08', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-09', 'demo-voter-09@accounts.invalid', 'none', '示範居民 09', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-10', 'demo-voter-10@accounts.invalid', 'none', '示範居民 10', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-11', 'demo-voter-11@accounts.invalid', 'none', '示範居民 11', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person'),
  ('u-demo-voter-12', 'demo-voter-12@accounts.invalid', 'none', '示範居民 12', 'citizen', NULL, 'zh-TW', '2026-01-01T00:00:00.000Z', 'verified_person');
INSERT OR IGNORE INTO budget_resident_profiles (user_id, district_code, birth_date) VALUES
  ('u-demo-voter-01', 'DA', '1960-01-15'),
  ('u-demo-voter-02', 'DA', '1963-02-15'),
  ('u-demo-voter-03', 'DA', '1966-03-15'),
  ('u-demo-voter-04', 'DA', '1969-04-15'),
  ('u-demo-voter-05', 'DA', '1972-05-15'),
  ('u-demo-voter-06', 'DA', '1975-06-15'),
  ('u-demo-voter-07', 'DA', '1978-07-15'),
  ('u-demo-voter-08', 'DA', '1981-08-15'),
  ('u-demo-voter-09', 'XY', '1984-09-15'),
  ('u-demo-voter-10', 'XY', '1987-01-15'),
  ('u-demo-voter-11', 'XY', '1990-02-15'),
  ('u-demo-voter-12', 'XY', '1993-03-15');

-- Round 1: voting open for two more weeks, in 大安區 and 信義區, counted by equal shares.
INSERT OR IGNORE INTO budget_rounds (id, title, description, phase, rule, ballot, min_project_score, currency,
  proposals_end_at, review_end_at, voting_end_at, results_end_at, min_age, min_identity_level, district_rule, source, created_by, created_at)
VALUES ('R-2027DAXY', '2027 大安・信義參與式預算', '大安區與信義區居民提案、審查後的計畫開放投票：每人可選最多三案，以均等分配法（Method of Equal Shares）計票。Residents of Da''an and Xinyi vote for up to three projects; counted by the Method of Equal Shares.', 'voting', 'equalshares/add1', '{"kind":"approval","maxProjects":3}', NULL, 'TWD',
  strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-28 days'), strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-10 days'), strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '+14 days'), strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '+60 days'), 16, 'verified', 'residence', 'live', 'u-manager', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days'));
INSERT OR IGNORE INTO budget_districts (round_id, code, name, budget) VALUES
  ('R-2027DAXY', 'DA', '大安區', 3000000),
  ('R-2027DAXY', 'XY', '信義區', 2000000);
INSERT OR IGNORE INTO budget_projects (id, round_id, district_code, title, description, estimated_cost, cost, latitude, longitude, state,
  review_reason, reviewed_by, reviewed_at, proposed_by, created_at) VALUES
  ('P-7DA01K', 'R-2027DAXY', 'DA', '大安森林公園共融遊戲場擴建', '增設輪椅可用的鞦韆與沙坑，讓不同能力的孩子一起玩。', 1800000, 1800000, 25.0297, 121.5358, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-citizen', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days')),
  ('P-7DA02M', 'R-2027DAXY', 'DA', '通學巷人行道拓寬', '和平東路通學巷人行道拓寬並設置減速標線。', 1200000, 1200000, 25.0256, 121.5437, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-helper', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days')),
  ('P-7DA03N', 'R-2027DAXY', 'DA', '社區圖書室延長開放', '週末延長開放至晚上九點，一年的人力與電費。', 600000, 600000, 25.0331, 121.5436, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-demo-voter-01', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days')),
  ('P-7DA04P', 'R-2027DAXY', 'DA', '瑠公圳步道夜間照明', '步道增設低眩光 LED 照明。', 900000, 900000, 25.0262, 121.5391, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-demo-voter-02', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days')),
  ('P-7DA05Q', 'R-2027DAXY', 'DA', '私人停車場補助', '補助單一大樓的地下停車場整修。', 2500000, NULL, null, null, 'rejected',
   '屬私人財產，不符參與式預算的公共性要求。', 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-demo-voter-03', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days')),
  ('P-7XY01R', 'R-2027DAXY', 'XY', '四四南村假日市集遮雨棚', '可收納式遮雨棚，雨天照常辦市集。', 800000, 800000, 25.0312, 121.5619, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-citizen-en', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days')),
  ('P-7XY02S', 'R-2027DAXY', 'XY', '象山步道入口無障礙坡道', '登山口增設坡道與扶手。', 1100000, 1100000, 25.0274, 121.5706, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-demo-voter-09', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days')),
  ('P-7XY03T', 'R-2027DAXY', 'XY', '公園共享雨傘站', '五處公園設置借還雨傘站。', 300000, 300000, 25.0339, 121.5645, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-12 days'), 'u-demo-voter-10', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-60 days'));
-- The ballot box of R-2027DAXY.
INSERT OR IGNORE INTO budget_ballots (id, round_id, district_code, channel, projects, points, receipt_hash) VALUES
  ('2c33d393-3c05-4e75-99aa-811047429528', 'R-2027DAXY', 'XY', 'online', '["P-7XY01R","P-7XY03T"]', NULL, '6de83bdd301830d92005337fd8eb68d4d7d448b1350c3acd8212ca73759d03b7'),
  ('2ff45407-f711-4b71-a3d9-0d57c787eabe', 'R-2027DAXY', 'DA', 'online', '["P-7DA03N"]', NULL, '67431dd8c5129223c8d02feabc8861fdbd8161fb6cdded3d8e9674febc823ed4'),
  ('3d75e71d-860a-4a61-ba5b-c90d68c6f360', 'R-2027DAXY', 'DA', 'online', '["P-7DA01K","P-7DA03N"]', NULL, '896a76945cae00622824ec4d563d59c7bc284d507619889f9bbd4b4234947cf3'),
  ('3f7a5e40-b015-437d-9286-940a51626529', 'R-2027DAXY', 'DA', 'online', '["P-7DA02M","P-7DA04P"]', NULL, '2720e522c2b807e430fb6c5beb1e4b86547d76296559a6dad8696fbf53d24e6d'),
  ('9848f073-f8b5-410d-8e76-8a7306c2adf7', 'R-2027DAXY', 'DA', 'paper', '["P-7DA01K","P-7DA02M","P-7DA03N"]', NULL, '592c0c76e1e52e904ffc215f9677a2f718420ec7e6fc8d6c8fe6618976fc19da'),
  ('9b1aedcd-7608-4d8b-9b98-87e63c5e3d7e', 'R-2027DAXY', 'XY', 'paper', '["P-7XY02S"]', NULL, 'df6283b4854a059743224312ecf4a9abb69e2c5f0fbff0a094f773ac14aa0231'),
  ('b3de6405-444a-4c7e-8b82-44739875781c', 'R-2027DAXY', 'DA', 'online', '["P-7DA01K","P-7DA04P"]', NULL, 'f5b1a8649b22fb7dbb2768f7ab1b07162bdd0d1d20ce38ac4913b7e3275fc818');
-- Who has voted in R-2027DAXY (no ballot reference).
INSERT OR IGNORE INTO budget_voters (round_id, voter_id, district_code, channel, voter_tag, voted_on) VALUES
  ('R-2027DAXY', 'u-demo-voter-01', 'DA', 'online', '895ebf69ba40bcab0a2afbd0d7c4f104ac6859c1eb898a9bfbc5ba861fca7b15', strftime('%Y-%m-%d', 'now', '-1 days')),
  ('R-2027DAXY', 'u-demo-voter-02', 'DA', 'online', '39643323a0c3a157634a21bb57fc5c9a189bbdf3d83670d309529391d9ebb210', strftime('%Y-%m-%d', 'now', '-2 days')),
  ('R-2027DAXY', 'u-demo-voter-03', 'DA', 'paper', 'bada1e81327e970780bcaee3c1b7236c91bb1f8322ebc584d3b729040fd512c7', strftime('%Y-%m-%d', 'now', '-3 days')),
  ('R-2027DAXY', 'u-demo-voter-04', 'DA', 'online', '944070a3303ae723ec78c7491725fc5fdbe2b156d757365447be5d8a6c24ecc8', strftime('%Y-%m-%d', 'now', '-1 days')),
  ('R-2027DAXY', 'u-demo-voter-05', 'DA', 'online', 'b677757b1e60d9dfcd601385fa5ba2ac52b52271ef6cddde57e8a0d2f46da86d', strftime('%Y-%m-%d', 'now', '-2 days')),
  ('R-2027DAXY', 'u-demo-voter-09', 'XY', 'online', '448d60bf30383fbf0c5644eb880e19b85ad21d9ce718bc6070846866792da85e', strftime('%Y-%m-%d', 'now', '-3 days')),
  ('R-2027DAXY', 'u-demo-voter-10', 'XY', 'paper', 'b9f02f813c9ace617b608cccb213057880665f208bb0790cab2a206f99f1507a', strftime('%Y-%m-%d', 'now', '-1 days'));
-- The workflow start, with the schedule read from the round row itself.
INSERT OR IGNORE INTO outbox (kind, aggregate_id, payload, next_attempt_at, created_at)
  SELECT 'start_budget_round_workflow', id,
    json_object('roundId', id, 'schedule', json_object('proposals', proposals_end_at, 'review', review_end_at, 'voting', voting_end_at, 'results', results_end_at)),
    created_at, created_at
  FROM budget_rounds WHERE id = 'R-2027DAXY';

-- Round 2: finished. Every phase date is past: its workflow counts it (greedy) and it moves to implementation.
INSERT OR IGNORE INTO budget_rounds (id, title, description, phase, rule, ballot, min_project_score, currency,
  proposals_end_at, review_end_at, voting_end_at, results_end_at, min_age, min_identity_level, district_rule, source, created_by, created_at)
VALUES ('R-2026DONE', '2026 大安・信義參與式預算', '去年的參與式預算：結果已公布，得票計畫進入執行。Last year''s round: results published, funded projects in implementation.', 'tallying', 'greedy', '{"kind":"approval","maxProjects":2}', NULL, 'TWD',
  strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-300 days'), strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-270 days'), strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-240 days'), strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-200 days'), 16, 'verified', 'residence', 'live', 'u-manager', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-330 days'));
INSERT OR IGNORE INTO budget_districts (round_id, code, name, budget) VALUES
  ('R-2026DONE', 'DA', '大安區', 2000000),
  ('R-2026DONE', 'XY', '信義區', 1000000);
INSERT OR IGNORE INTO budget_projects (id, round_id, district_code, title, description, estimated_cost, cost, latitude, longitude, state,
  review_reason, reviewed_by, reviewed_at, proposed_by, created_at) VALUES
  ('P-6DA01A', 'R-2026DONE', 'DA', '建國高架橋下籃球場整修', '重鋪球場地面並更換籃框。', 900000, 900000, 25.0289, 121.5375, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-272 days'), 'u-demo-voter-06', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-330 days')),
  ('P-6DA02B', 'R-2026DONE', 'DA', '社區長者共餐據點設備', '廚房設備與桌椅。', 700000, 700000, 25.0268, 121.5482, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-272 days'), 'u-helper', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-330 days')),
  ('P-6DA03C', 'R-2026DONE', 'DA', '巷弄綠化植栽', '十條巷弄種植原生植物。', 800000, 800000, 25.0349, 121.5402, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-272 days'), 'u-demo-voter-07', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-330 days')),
  ('P-6XY01D', 'R-2026DONE', 'XY', '信義國小周邊彩繪斑馬線', '提高通學路口能見度。', 400000, 400000, 25.0326, 121.5683, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-272 days'), 'u-demo-voter-11', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-330 days')),
  ('P-6XY02E', 'R-2026DONE', 'XY', '社區公園飲水機', '三座公園設置飲水機。', 450000, 450000, 25.0361, 121.5667, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-272 days'), 'u-citizen-en', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-330 days')),
  ('P-6XY03F', 'R-2026DONE', 'XY', '街角共享書櫃', '六處街角設置共享書櫃。', 350000, 350000, 25.0301, 121.5597, 'accepted',
   NULL, 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-272 days'), 'u-demo-voter-12', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-330 days'));
-- The ballot box of R-2026DONE.
INSERT OR IGNORE INTO budget_ballots (id, round_id, district_code, channel, projects, points, receipt_hash) VALUES
  ('0f207d14-ef08-449b-b440-622286013742', 'R-2026DONE', 'DA', 'paper', '["P-6DA03C"]', NULL, '7b2bf327432f7043d2e511e5bb83f60c84a3716cedb69e28c0ffe196531a30af'),
  ('2c90b9a5-7e2f-4d54-bd37-263e12209909', 'R-2026DONE', 'DA', 'online', '["P-6DA01A"]', NULL, 'a0a3e67a4affeba875079575275bc922cd285bb8982c1ce3af3dd44defd213f6'),
  ('2da0abc5-e810-4e6e-a4c1-2e55c8013122', 'R-2026DONE', 'DA', 'online', '["P-6DA01A","P-6DA02B"]', NULL, 'f9f4f83c78db9d9d2c82e857bab33c3472f7e9742edbd51f9381c30b84999016'),
  ('410fd22a-5189-4f4d-aa6d-8f303029fcc2', 'R-2026DONE', 'DA', 'online', '["P-6DA03C","P-6DA02B"]', NULL, '07adb147080cbb5cc4047b9e5832c1354a3465bb3ed555adeda1953261f6be8f'),
  ('472c2af6-760b-49b9-8a14-6ceb7f1ea119', 'R-2026DONE', 'DA', 'paper', '["P-6DA01A"]', NULL, '5a7434a56d6df14a368d7b8a5527bc41cf609948c6192eeaf8f99ba87606fcaa'),
  ('4f4eec61-caea-4aa7-9e1f-18a098f994b0', 'R-2026DONE', 'DA', 'online', '["P-6DA01A","P-6DA02B"]', NULL, 'a0f829f52303d1f1227f2444740c6e9d814d2a7bdcd34c52810f88134a382903'),
  ('73c4f9e1-d4ed-4efc-99f4-d5268a59e6cc', 'R-2026DONE', 'XY', 'paper', '["P-6XY01D","P-6XY03F"]', NULL, 'd442bd74b5186db8868c3220bf47046e9b141ed1c7777e26ad42b3fe26dbd776'),
  ('861755d2-6bc9-4737-a485-d2ca2fd16290', 'R-2026DONE', 'XY', 'online', '["P-6XY01D","P-6XY02E"]', NULL, '892c4fcb76ea25794fda41c67bdcb4f097c09fd1abb3f57ddd0e589d11448687'),
  ('913fb077-01d8-4481-8476-af8d538d9d37', 'R-2026DONE', 'XY', 'online', '["P-6XY03F"]', NULL, '411fed8688fca1a7168d8a3b3bdfc13687dea79334a8deaf80c941950adf3c0e'),
  ('ca08410d-677f-451b-90f7-a6c1fa55c870', 'R-2026DONE', 'DA', 'online', '["P-6DA02B"]', NULL, 'bde1c6463e3c8e4e567d3a5b0812e25347d2c4710af6d41bff92f2f3489f5da8'),
  ('dae5dfba-fb6c-442e-b572-25aa5915fa8a', 'R-2026DONE', 'XY', 'online', '["P-6XY02E","P-6XY03F"]', NULL, 'aaea7a6e6abb6224f57b76a08fda025c6b8868d89288771ee2b492f7ac49ea8b'),
  ('df6895ce-c01c-443a-9053-d500975647fd', 'R-2026DONE', 'DA', 'online', '["P-6DA01A","P-6DA03C"]', NULL, 'd6dcf7ff2163f6acb10a6d64d553d255b29c2b4ea34c5afb059c6447b5f3613f'),
  ('f5c9d3bd-71e6-4e35-ae43-9871a8992b9a', 'R-2026DONE', 'XY', 'online', '["P-6XY01D"]', NULL, 'f60a9efe81acf22a4b027b4c1bed45c4722cc7807c475ba7682beb7429ea7dfe');
-- Who has voted in R-2026DONE (no ballot reference).
INSERT OR IGNORE INTO budget_voters (round_id, voter_id, district_code, channel, voter_tag, voted_on) VALUES
  ('R-2026DONE', 'u-citizen', 'DA', 'online', '7b3f1e052662a3e4d936b887c752a1e3e4bbb9c3a28f081af33ee6a52761a1a7', strftime('%Y-%m-%d', 'now', '-245 days')),
  ('R-2026DONE', 'u-citizen-en', 'XY', 'online', '7f31325e7dcd1d11f7fbbe5c798999bfbc9fee7449c2372d665ccd265795e2ed', strftime('%Y-%m-%d', 'now', '-246 days')),
  ('R-2026DONE', 'u-demo-voter-01', 'DA', 'online', 'e010d78953f29c5b4a14a225ddf06f440e3858ad2f87ceb58a63399c24467083', strftime('%Y-%m-%d', 'now', '-247 days')),
  ('R-2026DONE', 'u-demo-voter-02', 'DA', 'online', '404f286f542d409026b254963d4e1a36d61760dc69b5bcb6cb239dee98b90332', strftime('%Y-%m-%d', 'now', '-245 days')),
  ('R-2026DONE', 'u-demo-voter-03', 'DA', 'paper', '1ceea552df7a21b0d4f1849211a8ba99686db96e56ff95a8a70352756a3001d9', strftime('%Y-%m-%d', 'now', '-246 days')),
  ('R-2026DONE', 'u-demo-voter-04', 'DA', 'online', '9eeb7d5a405b20ad33e026a1f6c8d30dc257627e1097bb6676723116c719b8df', strftime('%Y-%m-%d', 'now', '-247 days')),
  ('R-2026DONE', 'u-demo-voter-05', 'DA', 'online', '64fbfd2ae46e0242613076e776ffcaf0ea80afd61f2856dd1692db27705b1eac', strftime('%Y-%m-%d', 'now', '-245 days')),
  ('R-2026DONE', 'u-demo-voter-06', 'DA', 'online', '098a1d5f6bf09f6a56316f9cffe8d85cbc09c73d89dba95e843771fb497c16a0', strftime('%Y-%m-%d', 'now', '-246 days')),
  ('R-2026DONE', 'u-demo-voter-07', 'DA', 'paper', 'f15a3f60ab2df29c1bcb914a1b1276d801de2285beec803fe7c78b77845f7e43', strftime('%Y-%m-%d', 'now', '-247 days')),
  ('R-2026DONE', 'u-demo-voter-09', 'XY', 'online', 'ceb9ec61bb2eaaff0d64564f6276c4b5ef34d9f5f3c73067dc4fa523cc3acb1b', strftime('%Y-%m-%d', 'now', '-245 days')),
  ('R-2026DONE', 'u-demo-voter-10', 'XY', 'online', '35b93b519a08852a645a9d4f6f08aa809cf50f6f7110233130944b9716aa33d2', strftime('%Y-%m-%d', 'now', '-246 days')),
  ('R-2026DONE', 'u-demo-voter-11', 'XY', 'paper', '0de92a840960a3c58ffa84dd3b5ae4e313ea3265ed007bed7d86fdc7e1805008', strftime('%Y-%m-%d', 'now', '-247 days')),
  ('R-2026DONE', 'u-demo-voter-12', 'XY', 'online', 'dacf171e6e9f77ac13404621bef1eb11cacd50ec7a2f283de0a14a9c0d2ea083', strftime('%Y-%m-%d', 'now', '-245 days'));
-- The workflow start, with the schedule read from the round row itself.
INSERT OR IGNORE INTO outbox (kind, aggregate_id, payload, next_attempt_at, created_at)
  SELECT 'start_budget_round_workflow', id,
    json_object('roundId', id, 'schedule', json_object('proposals', proposals_end_at, 'review', review_end_at, 'voting', voting_end_at, 'results', results_end_at)),
    created_at, created_at
  FROM budget_rounds WHERE id = 'R-2026DONE';

-- Implementation progress of the finished round's funded projects (greedy by votes: 建國高架橋下籃球場
-- and 長者共餐據點 in 大安區, 彩繪斑馬線 and 共享書櫃 in 信義區; see the round's results).
INSERT OR IGNORE INTO budget_project_updates (id, round_id, project_id, status, note, photos, created_by, created_at) VALUES
  (900001, 'R-2026DONE', 'P-6DA01A', 'completed', '球場重新鋪面完成，已開放使用。The court was resurfaced and is open.', '[]', 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-120 days')),
  (900002, 'R-2026DONE', 'P-6DA02B', 'in_progress', '設備採購完成，等待安裝。Equipment bought; installation pending.', '[]', 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-30 days')),
  (900003, 'R-2026DONE', 'P-6XY01D', 'completed', '三處路口彩繪完成。Three crossings painted.', '[]', 'u-officer-dot', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-90 days')),
  (900004, 'R-2026DONE', 'P-6XY03F', 'planned', '已選定設置地點，明年春季施作。Sites chosen; work starts next spring.', '[]', 'u-officer-pwd', strftime('%Y-%m-%dT%H:00:00.000Z', 'now', '-20 days'));
