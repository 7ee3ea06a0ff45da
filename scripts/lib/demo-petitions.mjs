/**
 * Demo petitions for `./civic start`, created through the API so that each one runs its own
 * workflow exactly as a real one does (submit → outbox → workflow; publish, endorse, the threshold
 * signal, assign, respond are the real updates): one open with endorsements, one passed and
 * awaiting the Department of Transportation's response, one answered by the Department of
 * Environmental Protection. The rules fixed at submission use a threshold of 3 (the three demo
 * citizens), set for the moment of submission and then put back. Idempotent: petitions already
 * there (found by title) are left alone, so a restart with the same data adds nothing.
 */
const PASSWORD = 'civic-demo-2026';
const DEMO_THRESHOLD = 3;

export const demoPetitions = [
  {
    key: 'open',
    title: '在大安森林公園增設共融式遊戲場',
    summary: '希望在大安森林公園增設適合身心障礙兒童一起遊玩的共融式遊戲場。',
    body: '大安森林公園是市中心最大的公園，但現有遊戲場沒有無障礙設施，輪椅使用者與身心障礙兒童難以一起遊玩。建議市府參考國外共融式遊戲場的設計，增設無障礙動線、地面與遊具。',
    endorsers: ['resident@demo.civic.tw', 'helper@demo.civic.tw'],
  },
  {
    key: 'awaiting',
    title: '延長信義區公車夜間班次',
    summary: '信義區晚上十點後公車班次太少，希望延長夜間班次。',
    body: '信義區商圈與辦公大樓下班時間晚，晚上十點以後公車班次稀少，許多上班族只能搭計程車。建議交通局評估延長主要路線的夜間班次，並公布各路線末班車時間。',
    endorsers: ['citizen@demo.civic.tw', 'resident@demo.civic.tw', 'helper@demo.civic.tw'],
    agency: 'TPE-DOT',
  },
  {
    key: 'responded',
    title: '增加資源回收車的收運時段',
    summary: '資源回收車只在晚上收運，希望增加白天或假日的收運時段。',
    body: '許多上夜班或晚歸的市民趕不上晚上的資源回收車，只能把回收物堆在家裡。建議環保局評估增加白天或假日的收運時段，或設置定點回收站。',
    endorsers: ['citizen@demo.civic.tw', 'resident@demo.civic.tw', 'helper@demo.civic.tw'],
    agency: 'TPE-DEP',
    response: {
      summary: '本局已評估增加收運時段的可行性，回應如下。',
      points: [
        { heading: '增加白天收運時段', answer: '本局將自明年起，在各行政區選擇一條路線試辦週六上午的收運。' },
        { heading: '設置定點回收站', answer: '本局將與里辦公處合作，於明年第二季前在十個里設置定點回收站。' },
      ],
    },
    responder: 'officer.dep@demo.civic.tw',
  },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A signed-in client of the running edge (cookie kept, same-origin header for the CSRF check). */
async function signIn(base, email) {
  let cookie = '';
  const request = async (path, init = {}) => {
    const headers = { origin: base, ...(cookie ? { cookie } : {}), ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) };
    const res = await fetch(base + path, {
      method: init.method ?? (init.json !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const login = await request('/api/v1/auth/login', { json: { email, password: PASSWORD } });
  if (login.status !== 200) throw new Error(`demo petitions: sign-in of ${email} answered ${login.status}`);
  return request;
}

async function until(what, fn, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`demo petitions: timed out waiting for ${what}`);
    await sleep(500);
  }
}

async function ok(res, what, ...statuses) {
  const r = await res;
  if (!statuses.includes(r.status)) throw new Error(`demo petitions: ${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Creates the demo petitions that are missing and moves each one on to its demo state (so a run
 * interrupted half-way is finished by the next); returns their ids by key.
 */
export async function seedDemoPetitions(base) {
  const [citizen, manager, admin] = await Promise.all(['citizen@demo.civic.tw', 'manager@demo.civic.tw', 'admin@demo.civic.tw'].map((e) => signIn(base, e)));
  const mine = await ok(citizen('/api/v1/petitions/mine'), 'my petitions', 200);
  const ids = Object.fromEntries(demoPetitions.map((d) => [d.key, mine.items.find((p) => p.title === d.title)?.id]));
  const missing = demoPetitions.filter((d) => !ids[d.key]);

  if (missing.length > 0) {
    // The rules are fixed at submission: a threshold the three demo citizens can reach, then back.
    const settings = await ok(admin('/api/v1/petitions/settings'), 'settings', 200);
    await ok(admin('/api/v1/petitions/settings', { method: 'PUT', json: { ...settings, threshold: DEMO_THRESHOLD } }), 'settings', 200);
    try {
      for (const d of missing) {
        const draft = await ok(citizen('/api/v1/petitions', { json: { title: d.title, summary: d.summary, body: d.body } }), 'propose', 201);
        await ok(citizen(`/api/v1/petitions/${draft.id}/submit`, { method: 'POST' }), 'submit', 202);
        ids[d.key] = draft.id;
      }
    } finally {
      await ok(admin('/api/v1/petitions/settings', { method: 'PUT', json: settings }), 'settings', 200);
    }
  }

  const stateOf = async (id) => (await manager(`/api/v1/petitions/${id}`)).body?.state;
  for (const d of demoPetitions) {
    const id = ids[d.key];
    if ((await stateOf(id)) === 'in_review') {
      // The publish update is accepted once the outbox has started the workflow.
      await until(`${id} published`, async () => (await manager(`/api/v1/petitions/${id}/publish`, { json: {} })).status === 200);
    }
    await until(`${id} open`, async () => (await stateOf(id)) !== 'in_review');
    if ((await stateOf(id)) === 'open') {
      for (const email of d.endorsers) {
        const person = await signIn(base, email);
        await ok(person(`/api/v1/petitions/${id}/endorsement`, { json: { follow: email === 'resident@demo.civic.tw' } }), `endorse ${id}`, 201, 409);
      }
    }
    if (!d.agency) continue;
    await until(`${id} passed`, async () => (await stateOf(id)) !== 'open');
    if ((await stateOf(id)) === 'passed') {
      await ok(manager(`/api/v1/petitions/${id}/assign-agency`, { json: { agencyId: d.agency } }), `assign ${id}`, 200);
    }
    await until(`${id} awaiting response`, async () => (await stateOf(id)) !== 'passed');
    if (!d.response) continue;
    if ((await stateOf(id)) === 'awaiting_response') {
      const officer = await signIn(base, d.responder);
      await ok(officer(`/api/v1/petitions/${id}/respond`, { json: d.response }), `respond ${id}`, 200);
    }
    await until(`${id} responded`, async () => (await stateOf(id)) === 'responded');
  }
  return ids;
}
