import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo, signedEvent, snapshotFixture } from '../support/api-helpers';

beforeEach(seedDemo);

const BASE = '/open311/v2';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: string;
  keywords: string;
  group: string;
}

interface Created {
  service_request_id: string;
  service_notice: string;
  account_id: null;
}

interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: null;
  service_name: string;
  service_code: string;
  description?: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address?: string | null;
  lat?: number | null;
  long?: number | null;
  media_url: null;
}

/** A bearer API token for a demo account, issued the way an Open311 app would get one. */
async function apiToken(email: string): Promise<string> {
  const res = await call('/api/v1/auth/tokens', { cookie: await login(email), json: { label: 'Open311 app' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

function postForm(fields: Record<string, string>, headers: Record<string, string> = {}, query = '') {
  return call(`${BASE}/requests.json${query}`, {
    body: new URLSearchParams(fields).toString(),
    headers: { ...FORM, ...headers },
  });
}

async function fileForm(apiKey: string, fields: Record<string, string> = {}): Promise<string> {
  const res = await postForm({
    api_key: apiKey,
    service_code: 'GRV-TRAFFIC',
    description: '忠孝東路與復興南路口的行人號誌從早上開始不亮，行人只能看車流過馬路。',
    address_string: '忠孝東路四段與復興南路口',
    ...fields,
  });
  expect(res.status).toBe(201);
  const [created] = (await res.json()) as Created[];
  return created!.service_request_id;
}

async function getJson<T>(path: string, opts: Parameters<typeof call>[1] = {}): Promise<T> {
  const res = await call(path, opts);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as T;
}

async function caseCount(): Promise<number> {
  return (await env.DB.prepare('SELECT COUNT(*) AS n FROM cases').first<{ n: number }>())!.n;
}

const byId = (items: Open311Request[]) => new Map(items.map((r) => [r.service_request_id, r]));

describe('GET services.json', () => {
  it('lists the active service types in Traditional Chinese by default', async () => {
    const res = await call(`${BASE}/services.json`);
    expect(res.headers.get('content-language')).toBe('zh-TW');
    const services = (await res.json()) as Service[];
    expect(services.map((s) => s.service_code)).toEqual(['APP-ROAD-DIG', 'GRV-NOISE', 'GRV-ROAD', 'GRV-TRAFFIC']);
    const traffic = services.find((s) => s.service_code === 'GRV-TRAFFIC')!;
    expect(traffic).toEqual({
      service_code: 'GRV-TRAFFIC',
      service_name: '交通號誌、標線與停車陳情',
      description: expect.stringContaining('3 個工作天內確認受理，30 日內答復') as string,
      metadata: false,
      type: 'realtime',
      keywords: '陳情,GRV-TRAFFIC',
      group: '臺北市政府交通局',
    });
  });

  it('speaks English on ?locale=en and by Accept-Language (q-values honoured)', async () => {
    const viaQuery = await getJson<Service[]>(`${BASE}/services.json?locale=en`);
    expect(viaQuery.find((s) => s.service_code === 'GRV-TRAFFIC')).toMatchObject({
      service_name: 'Traffic signals, markings and parking',
      group: 'Taipei City Department of Transportation',
      keywords: 'grievance,GRV-TRAFFIC',
      description: expect.stringContaining('acknowledges within 3 working days') as string,
    });
    expect(viaQuery.find((s) => s.service_code === 'APP-ROAD-DIG')!.description).toContain('decided within 2 months');

    const viaHeader = await call(`${BASE}/services.json`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(viaHeader.headers.get('content-language')).toBe('en');
    expect(((await viaHeader.json()) as Service[])[0]!.service_name).toBe('Road excavation permit');

    const zhPreferred = await getJson<Service[]>(`${BASE}/services.json`, {
      headers: { 'accept-language': 'fr-FR, en;q=0.3, zh-TW;q=0.8' },
    });
    expect(zhPreferred[0]!.service_name).toBe('道路挖掘許可申請');
    // The explicit parameter wins over the header.
    const explicit = await getJson<Service[]>(`${BASE}/services.json?locale=zh-TW`, { headers: { 'accept-language': 'en' } });
    expect(explicit[0]!.service_name).toBe('道路挖掘許可申請');
  });

  it('refuses an unsupported locale with a 422 problem and ignores unknown parameters', async () => {
    const res = await call(`${BASE}/services.json?locale=fr`);
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors![0]).toMatchObject({ pointer: '/locale', in: 'query' });
    expect((await call(`${BASE}/services.json?jurisdiction_id=taipei.gov.tw&extra=1`)).status).toBe(200);
  });
});

describe('GET services/{service_code}.json', () => {
  it('gives the definition of a known service and a 404 problem for an unknown one', async () => {
    expect(await getJson(`${BASE}/services/GRV-TRAFFIC.json`)).toEqual({ service_code: 'GRV-TRAFFIC', attributes: [] });
    const missing = await call(`${BASE}/services/NOPE.json`);
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).type).toMatch(/service-not-found$/);
  });

  it('reports metadata and attributes once a service type asks for extra fields, and files them', async () => {
    const fields = [
      { name: 'plate', type: 'text', labelZh: '車牌', labelEn: 'Licence plate', required: true, maxLength: 10 },
      { name: 'depth', type: 'number', labelZh: '深度（公分）', labelEn: 'Depth (cm)', required: false },
      {
        name: 'side',
        type: 'select',
        labelZh: '方向',
        labelEn: 'Side',
        required: false,
        options: [{ value: 'n', labelZh: '北側', labelEn: 'North side' }],
      },
    ];
    await env.DB.prepare(`UPDATE service_types SET form_schema = ? WHERE code = 'GRV-ROAD'`).bind(JSON.stringify(fields)).run();
    try {
      const services = await getJson<Service[]>(`${BASE}/services.json`);
      expect(services.find((s) => s.service_code === 'GRV-ROAD')!.metadata).toBe(true);
      expect(services.find((s) => s.service_code === 'GRV-TRAFFIC')!.metadata).toBe(false);
      const def = await getJson<{ attributes: unknown[] }>(`${BASE}/services/GRV-ROAD.json?locale=en`);
      expect(def.attributes).toEqual([
        {
          variable: true,
          code: 'plate',
          datatype: 'string',
          required: true,
          datatype_description: 'At most 10 characters.',
          order: 1,
          description: 'Licence plate',
        },
        {
          variable: true,
          code: 'depth',
          datatype: 'number',
          required: false,
          datatype_description: null,
          order: 2,
          description: 'Depth (cm)',
        },
        {
          variable: true,
          code: 'side',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: null,
          order: 3,
          description: 'Side',
          values: [{ key: 'n', name: 'North side' }],
        },
      ]);

      // Attributes are filed as the case's formData, checked like the native form.
      const key = await apiToken('citizen@demo.civic.tw');
      const pothole = {
        api_key: key,
        service_code: 'GRV-ROAD',
        description: '羅斯福路三段人行道旁有一個大坑洞。',
        address_string: '羅斯福路三段',
      };
      const missing = await postForm(pothole);
      expect(missing.status).toBe(422);
      expect((await problemOf(missing)).errors).toEqual([
        { pointer: '/attribute[plate]', in: 'body', code: 'required', detail: 'Required.' },
      ]);
      const badOption = await postForm({ ...pothole, 'attribute[plate]': 'ABC-1234', 'attribute[side]': 'west' });
      expect(badOption.status).toBe(422);
      expect((await problemOf(badOption)).errors![0]!.pointer).toBe('/attribute[side]');
      const filed = await postForm({
        ...pothole,
        'attribute[plate]': 'ABC-1234',
        'attribute[depth]': '12.5',
        'attribute[side]': 'n',
        'attribute[colour]': 'ignored',
      });
      expect(filed.status).toBe(201);
      const [created] = (await filed.json()) as Created[];
      const row = await env.DB.prepare('SELECT form_data FROM cases WHERE id = ?')
        .bind(created!.service_request_id)
        .first<{ form_data: string }>();
      expect(JSON.parse(row!.form_data)).toEqual({ plate: 'ABC-1234', depth: 12.5, side: 'n' });
      const viaJson = await call(`${BASE}/requests.json`, {
        token: key,
        json: { ...pothole, api_key: undefined, attribute: { plate: 'XYZ-9' } },
      });
      expect(viaJson.status).toBe(201);
    } finally {
      await env.DB.prepare(`UPDATE service_types SET form_schema = '[]' WHERE code = 'GRV-ROAD'`).run();
    }
  });
});

describe('POST requests.json', () => {
  it('files a case from a form-encoded request with api_key, storing no contact data', async () => {
    const key = await apiToken('citizen@demo.civic.tw');
    const res = await postForm({
      api_key: key,
      jurisdiction_id: 'taipei.gov.tw',
      service_code: 'GRV-TRAFFIC',
      description: '路口號誌故障\n忠孝東路與復興南路口的行人號誌從早上開始不亮。',
      address_string: '忠孝東路四段與復興南路口',
      lat: '',
      long: '',
      email: 'someone@example.com',
      first_name: 'Hsiao-ming',
      last_name: 'Chen',
      phone: '0912-345-678',
      media_url: 'https://example.com/photo.jpg',
      'attribute[plate]': 'ABC-1234',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Created[];
    expect(body).toHaveLength(1);
    const [created] = body;
    expect(created!.service_request_id).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    expect(created!.account_id).toBeNull();
    expect(created!.service_notice).toContain(`案號 ${created!.service_request_id}`);
    expect(res.headers.get('location')).toBe(`${BASE}/requests/${created!.service_request_id}.json`);

    const row = await env.DB.prepare('SELECT * FROM cases WHERE id = ?')
      .bind(created!.service_request_id)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({
      citizen_id: 'u-citizen',
      service_type_code: 'GRV-TRAFFIC',
      agency_id: 'TPE-DOT',
      kind: 'grievance',
      state: 'received',
      subject: '路口號誌故障',
      description: '路口號誌故障\n忠孝東路與復興南路口的行人號誌從早上開始不亮。',
      location: '忠孝東路四段與復興南路口',
      form_data: '{}',
      filed_by_id: null,
    });
    // Contact data sent along is not kept anywhere in the case, its timeline or its outbox entry.
    const stored = JSON.stringify([
      row,
      await env.DB.prepare('SELECT * FROM case_events WHERE case_id = ?').bind(created!.service_request_id).all(),
      await env.DB.prepare('SELECT * FROM outbox WHERE aggregate_id = ?').bind(created!.service_request_id).all(),
    ]);
    for (const value of ['someone@example.com', 'Hsiao-ming', 'Chen', '0912-345-678', 'photo.jpg', 'ABC-1234']) {
      expect(stored).not.toContain(value);
    }
    // The workflow starts the same way as for native filings: through the outbox.
    const outbox = await env.DB.prepare('SELECT state, payload FROM outbox WHERE aggregate_id = ?')
      .bind(created!.service_request_id)
      .first<{ state: string; payload: string }>();
    expect(outbox?.state).toBe('pending');
    expect(JSON.parse(outbox!.payload)).toMatchObject({
      caseId: created!.service_request_id,
      kind: 'grievance',
      agencyId: 'TPE-DOT',
      ackPeriod: '3wd',
      resolutionPeriod: '30d',
    });
    // And the citizen sees it in the native API like any other case.
    const mine = await call('/api/v1/cases/mine', { cookie: await login('citizen@demo.civic.tw') });
    expect(((await mine.json()) as { items: { id: string }[] }).items.map((c) => c.id)).toContain(created!.service_request_id);
  });

  it('files from JSON with a bearer token and coordinates; the subject is cut from the description', async () => {
    const token = await apiToken('resident@demo.civic.tw');
    const description =
      'The zebra crossing in front of the primary school on Nongan Street has faded completely and drivers do not stop.';
    const res = await call(`${BASE}/requests.json`, {
      token,
      json: { service_code: 'GRV-TRAFFIC', description, lat: 25.0330, long: '121.5654', account_id: 'ext-42' },
    });
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as Created[];
    // The account's language (English) is the default for the notice.
    expect(res.headers.get('content-language')).toBe('en');
    expect(created!.service_notice).toMatch(new RegExp(`^Received as case ${created!.service_request_id}\\.`));
    const row = await env.DB.prepare('SELECT citizen_id, subject, location FROM cases WHERE id = ?')
      .bind(created!.service_request_id)
      .first<{ citizen_id: string; subject: string; location: string }>();
    expect(row).toEqual({
      citizen_id: 'u-citizen-en',
      subject: 'The zebra crossing in front of the prim…',
      location: '25.033,121.5654',
    });
    expect(Array.from(row!.subject)).toHaveLength(40);
  });

  it('takes multipart/form-data as well', async () => {
    const key = await apiToken('citizen@demo.civic.tw');
    const boundary = 'open311-test-boundary';
    const fields = {
      api_key: key,
      service_code: 'GRV-ROAD',
      description: '人行道地磚鬆動，長者容易絆倒。',
      address_string: '羅斯福路三段',
    };
    const body =
      Object.entries(fields)
        .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join('') + `--${boundary}--\r\n`;
    const res = await call(`${BASE}/requests.json`, {
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as Created[];
    const row = await env.DB.prepare('SELECT agency_id, location FROM cases WHERE id = ?')
      .bind(created!.service_request_id)
      .first();
    expect(row).toEqual({ agency_id: 'TPE-PWD', location: '羅斯福路三段' });
  });

  it('refuses callers without a valid citizen key, and bad input, with problem+json and no case', async () => {
    const citizenKey = await apiToken('citizen@demo.civic.tw');
    const officerKey = await apiToken('officer.dot@demo.civic.tw');
    const cookie = await login('citizen@demo.civic.tw');
    const valid = {
      service_code: 'GRV-NOISE',
      description: '住家旁工地每天晚上十點後仍在施工，噪音嚴重影響睡眠。',
      address_string: '大安區和平東路二段',
    };
    const before = await caseCount();

    const expectProblem = async (res: Response, status: number, pointer?: string) => {
      expect(res.status).toBe(status);
      const p = await problemOf(res);
      expect(p.status).toBe(status);
      expect(p.detail).toBeTruthy();
      if (pointer) expect(p.errors?.map((e) => e.pointer)).toContain(pointer);
      return p;
    };

    await expectProblem(await postForm(valid), 401);
    // A session cookie is not a key: form posts with cookies would be open to CSRF.
    await expectProblem(await postForm(valid, { cookie }), 401);
    await expectProblem(await postForm({ ...valid, api_key: 'x'.repeat(43) }), 401);
    await expectProblem(await postForm({ ...valid, api_key: 'short' }), 401);
    await expectProblem(await postForm(valid, { authorization: `Bearer ${'y'.repeat(43)}` }), 401);
    const forbidden = await expectProblem(await postForm({ ...valid, api_key: officerKey }), 403);
    expect(forbidden.detail).toMatch(/citizen/);
    await expectProblem(await call(`${BASE}/requests.json`, { token: officerKey, json: valid }), 403);
    await expectProblem(
      await postForm({ ...valid, api_key: citizenKey }, { authorization: `Bearer ${officerKey}` }),
      400,
    );

    const withKey = (fields: Record<string, string>) => postForm({ ...valid, api_key: citizenKey, ...fields });
    await expectProblem(await withKey({ service_code: 'NOPE' }), 422, '/service_code');
    await expectProblem(await withKey({ description: '太吵了' }), 422, '/description');
    await expectProblem(await withKey({ lat: '95', long: '121.5' }), 422, '/lat');
    await expectProblem(await withKey({ lat: '25.03', long: '181' }), 422, '/long');
    await expectProblem(await withKey({ lat: 'north', long: '121.5' }), 422, '/lat');
    await expectProblem(await withKey({ lat: '25.03' }), 422, '/long');
    await expectProblem(await withKey({ address_string: '' }), 422, '/address_string');
    await expectProblem(await withKey({ media_url: 'not a url' }), 422, '/media_url');
    await expectProblem(await call(`${BASE}/requests.json`, { token: citizenKey, json: { ...valid, lat: 'x', long: 1 } }), 422, '/lat');
    const inUrl = await expectProblem(await postForm({ ...valid, api_key: citizenKey }, {}, `?api_key=${citizenKey}`), 422);
    expect(inUrl.errors![0]).toMatchObject({ pointer: '/api_key', in: 'query' });

    await expectProblem(
      await call(`${BASE}/requests.json`, { token: citizenKey, body: '{"service_code": ', headers: { 'content-type': 'application/json' } }),
      400,
    );
    await expectProblem(
      await call(`${BASE}/requests.json`, { token: citizenKey, body: 'hello', headers: { 'content-type': 'text/plain' } }),
      415,
    );
    await expectProblem(await call(`${BASE}/requests.json`, { token: citizenKey, json: ['a'] }), 422);

    expect(await caseCount()).toBe(before);
  });
});

describe('GET requests.json and requests/{id}.json', () => {
  it('filters by service code, status, dates and ids', async () => {
    const traffic = await fileForm(await apiToken('citizen@demo.civic.tw'));
    const noise = await fileForm(await apiToken('resident@demo.civic.tw'), {
      service_code: 'GRV-NOISE',
      description: 'Construction next door goes on after 10 pm every night.',
    });
    const old = await fileForm(await apiToken('citizen@demo.civic.tw'));
    const hundredDaysAgo = new Date(Date.now() - 100 * 86_400_000).toISOString();
    await env.DB.prepare('UPDATE cases SET received_at = ? WHERE id = ?').bind(hundredDaysAgo, old).run();
    const at = new Date().toISOString();
    expect((await signedEvent({ caseId: noise, seq: 1, type: 'replied', state: 'replied', occurredAt: at, repliedAt: at })).status).toBe(200);

    const ids = async (query: string) =>
      (await getJson<Open311Request[]>(`${BASE}/requests.json${query}`)).map((r) => r.service_request_id);

    // Default: the last 90 days, newest first.
    const all = await ids('');
    expect(all).toEqual(expect.arrayContaining([traffic, noise]));
    expect(all).not.toContain(old);
    expect(all.indexOf(noise)).toBeLessThan(all.indexOf(traffic));

    expect(await ids('?service_code=GRV-NOISE')).toContain(noise);
    expect(await ids('?service_code=GRV-NOISE')).not.toContain(traffic);
    expect(await ids('?service_code=GRV-NOISE,GRV-TRAFFIC')).toEqual(expect.arrayContaining([traffic, noise]));

    expect(await ids('?status=closed')).toContain(noise);
    expect(await ids('?status=closed')).not.toContain(traffic);
    expect(await ids('?status=open')).toContain(traffic);
    expect(await ids('?status=open')).not.toContain(noise);
    expect(await ids('?status=open,closed')).toEqual(expect.arrayContaining([traffic, noise]));
    expect(await ids('?status=open&status=closed')).toEqual(expect.arrayContaining([traffic, noise]));

    const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(await ids(`?start_date=${iso(Date.now() - 3_600_000)}&end_date=${iso(Date.now() + 3_600_000)}`)).toEqual(
      expect.arrayContaining([traffic, noise]),
    );
    expect(await ids(`?start_date=${iso(Date.now() + 3_600_000)}`)).toEqual([]);
    expect(await ids(`?end_date=${iso(Date.now() - 86_400_000)}`)).not.toContain(traffic);
    const oldWindow = await ids(`?start_date=${iso(Date.now() - 101 * 86_400_000)}&end_date=${iso(Date.now() - 99 * 86_400_000)}`);
    expect(oldWindow).toEqual([old]);
    // Offsets other than Z are understood.
    const taipeiTomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 19) + '+08:00';
    expect(await ids(`?end_date=${encodeURIComponent(taipeiTomorrow)}`)).toContain(traffic);

    // Ids override every other filter, the 90-day window included.
    expect((await ids(`?service_request_id=${traffic},${old}&status=closed&service_code=GRV-NOISE`)).sort()).toEqual(
      [traffic, old].sort(),
    );
    expect(await ids('?service_request_id=20200101-0000AA')).toEqual([]);
  });

  it('refuses bad filters with 422 problems', async () => {
    const bad = async (query: string, pointer: string) => {
      const res = await call(`${BASE}/requests.json${query}`);
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors!.map((e) => e.pointer)).toEqual([expect.stringContaining(pointer)]);
    };
    await bad('?status=pending', '/status');
    await bad('?start_date=yesterday', '/start_date');
    await bad('?end_date=2026-01-01T00:00:00', '/end_date'); // no time zone
    await bad('?start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z', '/start_date');
    await bad('?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', '/end_date');
    await bad('?service_request_id=not-a-case', '/service_request_id');
    await bad(`?service_request_id=${Array.from({ length: 51 }, () => '20260101-000000').join(',')}`, '/service_request_id');
  });

  it('shows no personal data to anonymous callers; the citizen and the agency see it', async () => {
    const description = '我家門口（信義路五段 7 號）的號誌壞了，我的電話 0912-345-678。';
    const traffic = await fileForm(await apiToken('citizen@demo.civic.tw'), { description, address_string: '信義路五段 7 號' });
    const byCoords = await fileForm(await apiToken('citizen@demo.civic.tw'), { address_string: '', lat: '25.0330', long: '121.5654' });

    const anonymousRes = await call(`${BASE}/requests.json?service_request_id=${traffic},${byCoords}`);
    const anonymousText = await anonymousRes.text();
    expect(anonymousText).not.toContain('0912-345-678');
    expect(anonymousText).not.toContain('信義路五段');
    expect(anonymousText).not.toContain('25.033');
    expect(anonymousRes.headers.get('cache-control')).toBeNull();
    const anonymous = byId(JSON.parse(anonymousText) as Open311Request[]);
    for (const r of anonymous.values()) {
      for (const key of ['description', 'address', 'lat', 'long']) expect(r).not.toHaveProperty(key);
      expect(r).toMatchObject({ status: 'open', status_notes: null, media_url: null, agency_responsible: '臺北市政府交通局' });
    }
    const [single] = await getJson<Open311Request[]>(`${BASE}/requests/${traffic}.json`);
    expect(single).not.toHaveProperty('description');
    expect(single).not.toHaveProperty('address');

    // The owner, with the bearer token or the browser session.
    const ownerRes = await call(`${BASE}/requests.json?service_request_id=${traffic},${byCoords}`, {
      token: await apiToken('citizen@demo.civic.tw'),
    });
    expect(ownerRes.headers.get('cache-control')).toBe('private, no-store');
    const owner = byId((await ownerRes.json()) as Open311Request[]);
    expect(owner.get(traffic)).toMatchObject({ description, address: '信義路五段 7 號', lat: null, long: null });
    expect(owner.get(byCoords)).toMatchObject({ address: null, lat: 25.033, long: 121.5654 });
    const viaSession = await getJson<Open311Request[]>(`${BASE}/requests/${traffic}.json`, {
      cookie: await login('citizen@demo.civic.tw'),
    });
    expect(viaSession[0]!.description).toBe(description);

    // The agency handling the case sees it; another citizen, another agency and managers do not.
    const dot = await getJson<Open311Request[]>(`${BASE}/requests/${traffic}.json`, { cookie: await login('officer.dot@demo.civic.tw') });
    expect(dot[0]!.description).toBe(description);
    for (const email of ['resident@demo.civic.tw', 'officer.dep@demo.civic.tw', 'manager@demo.civic.tw']) {
      const [seen] = await getJson<Open311Request[]>(`${BASE}/requests/${traffic}.json`, { cookie: await login(email) });
      expect(seen).not.toHaveProperty('description');
      expect(seen).not.toHaveProperty('address');
    }
  });

  it('answers one request as a one-element array, and 404 or 422 problems otherwise', async () => {
    const id = await fileForm(await apiToken('citizen@demo.civic.tw'));
    const res = await call(`${BASE}/requests/${id}.json?locale=en`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Open311Request[];
    expect(body).toHaveLength(1);
    const row = (await env.DB.prepare('SELECT received_at FROM cases WHERE id = ?').bind(id).first<{ received_at: string }>())!;
    const taipei = new Date(Date.parse(row.received_at) + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
    expect(body[0]).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_name: 'Traffic signals, markings and parking',
      service_code: 'GRV-TRAFFIC',
      agency_responsible: 'Taipei City Department of Transportation',
      service_notice: expect.stringContaining('acknowledges within 3 working days') as string,
      requested_datetime: taipei,
      updated_datetime: taipei,
      expected_datetime: null,
      media_url: null,
    });
    expect(Date.parse(body[0]!.requested_datetime)).toBe(Math.floor(Date.parse(row.received_at) / 1000) * 1000);

    const missing = await call(`${BASE}/requests/20200101-0000AA.json`);
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).type).toMatch(/case-not-found$/);
    const malformed = await call(`${BASE}/requests/not-a-case.json`);
    expect(malformed.status).toBe(422);
    expect((await problemOf(malformed)).errors![0]).toMatchObject({ pointer: '/service_request_id', in: 'path' });
  });

  it('expected_datetime is null until the workflow computes the deadline, then follows it', async () => {
    const id = await fileForm(await apiToken('citizen@demo.civic.tw'));
    const get = async () => (await getJson<Open311Request[]>(`${BASE}/requests/${id}.json`))[0]!;
    expect((await get()).expected_datetime).toBeNull();

    // A first-version workflow sends only the date: the deadline is the end of that Taipei day.
    const at = new Date().toISOString();
    const computed = await signedEvent({
      caseId: id,
      seq: 1,
      type: 'deadlines_computed',
      state: 'received',
      occurredAt: at,
      ackDueDate: '2026-11-26',
      resolutionDueDate: '2026-12-23',
    });
    expect(await computed.json()).toMatchObject({ applied: true });
    const afterV1 = await get();
    expect(afterV1).toMatchObject({ status: 'open', expected_datetime: '2026-12-23T23:59:59+08:00' });
    expect(afterV1.updated_datetime.endsWith('+08:00')).toBe(true);

    // The SLA-aware workflow sends the exact instant, which an extension moves.
    const snapshot = snapshotFixture({
      state: 'extended',
      receivedAt: at,
      acknowledgedAt: at,
      resolutionDueAt: '2027-01-22T15:59:59.999Z',
      extended: true,
    });
    const extended = await signedEvent({
      caseId: id,
      seq: 2,
      type: 'extended',
      state: 'extended',
      occurredAt: at,
      ackDueDate: '2026-11-26',
      resolutionDueDate: '2027-01-22',
      snapshot,
    });
    expect(await extended.json()).toMatchObject({ applied: true });
    expect(await get()).toMatchObject({ status: 'open', expected_datetime: '2027-01-22T23:59:59+08:00' });

    const replied = await signedEvent({
      caseId: id,
      seq: 3,
      type: 'replied',
      state: 'replied',
      occurredAt: at,
      repliedAt: at,
      snapshot: { ...snapshot, state: 'replied', repliedAt: at },
    });
    expect(replied.status).toBe(200);
    expect((await get()).status).toBe('closed');
  });
});

describe('formats and documentation', () => {
  it('answers every .xml path with a 406 problem', async () => {
    for (const path of ['/services.xml', '/services/GRV-TRAFFIC.xml', '/requests.xml', '/requests/20260101-000000.xml']) {
      const res = await call(`${BASE}${path}`);
      expect(res.status).toBe(406);
      expect((await problemOf(res)).detail).toMatch(/Only JSON/);
    }
    const post = await call(`${BASE}/requests.xml`, { body: 'service_code=GRV-TRAFFIC', headers: FORM });
    expect(post.status).toBe(406);
    const unknown = await call(`${BASE}/nothing.json`);
    expect(unknown.status).toBe(404);
    await problemOf(unknown);
  });

  it('is described by its own OpenAPI document under the Open311 tag', async () => {
    const doc = await getJson<{
      servers: { url: string }[];
      paths: Record<string, Record<string, { tags: string[]; responses: Record<string, unknown> }>>;
    }>(`${BASE}/openapi.json`);
    expect(doc.servers).toEqual([{ url: '/open311/v2' }]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/requests.json',
      '/requests/{service_request_id}.json',
      '/services.json',
      '/services/{service_code}.json',
    ]);
    for (const item of Object.values(doc.paths)) for (const op of Object.values(item)) expect(op.tags).toEqual(['Open311']);
    expect(doc.paths['/requests.json']!.post!.responses).toHaveProperty('422');
  });
});
