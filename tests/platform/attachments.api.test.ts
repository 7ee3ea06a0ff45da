import { beforeEach, describe, expect, it } from 'vitest';
import { readGps } from '../../worker/platform/attachments/jpeg-gps';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';
import { readWebpGps } from '../../worker/platform/attachments/webp-meta';
import { HEIC_BYTES, PDF_BYTES, jpegWithGps, webpWithGps } from '../support/jpeg-fixture';

beforeEach(seedDemo);

async function upload(cookie: string, bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  return call(`/api/v1/attachments?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    cookie,
    headers: { 'content-type': type, origin: 'http://example.com' },
    body: bytes as unknown as string,
  });
}

const grievance = { serviceTypeCode: 'GRV-TRAFFIC', subject: '號誌故障', description: '民生東路與復興北路口號誌不亮，車流混亂。' };

describe('attachments', () => {
  it('a photo is stored without its location, which the uploader alone gets back once', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await upload(cookie, jpegWithGps({ lat: 25.0578, long: 121.5441 }), 'IMG_0042.JPG', 'image/jpeg');
    expect(res.status).toBe(201);
    const up = (await res.json()) as { id: string; fileName: string; mediaType: string; locationRemoved: boolean; location: { lat: number; long: number } };
    expect(up).toMatchObject({ fileName: 'IMG_0042.jpg', mediaType: 'image/jpeg', locationRemoved: true });
    expect(up.location.lat).toBeCloseTo(25.0578, 3);

    const file = await call(`/api/v1/attachments/${up.id}`, { cookie });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    const stored = new Uint8Array(await file.arrayBuffer());
    expect(stored[0]).toBe(0xff);
    expect(readGps(stored)).toBeNull();
  });

  it('the type comes from the content: a script named photo.jpg is refused, a PDF named .jpg is a PDF', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const script = await upload(cookie, new TextEncoder().encode('<script>alert(document.cookie)</script>'), 'photo.jpg', 'image/jpeg');
    expect(script.status).toBe(415);
    await problemOf(script);
    const pdf = await upload(cookie, PDF_BYTES, 'scan.jpg', 'image/jpeg');
    expect(((await pdf.json()) as { fileName: string; mediaType: string })).toMatchObject({ fileName: 'scan.pdf', mediaType: 'application/pdf' });
    expect((await upload(cookie, new Uint8Array(), 'empty.pdf')).status).toBe(422);
    expect((await call('/api/v1/attachments?name=x.pdf', { method: 'POST', body: 'x', headers: { origin: 'http://example.com' } })).status).toBe(401);
  });

  it('a WebP photo is stored without its location too; a HEIC photo is refused with how to send a JPEG', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await upload(cookie, webpWithGps({ lat: 25.0339, long: 121.5645 }), 'PXL_20261130.webp', 'image/webp');
    expect(res.status).toBe(201);
    const up = (await res.json()) as { id: string; fileName: string; mediaType: string; locationRemoved: boolean; location: { lat: number; long: number } };
    expect(up).toMatchObject({ fileName: 'PXL_20261130.webp', mediaType: 'image/webp', locationRemoved: true });
    expect(up.location.long).toBeCloseTo(121.5645, 3);
    const file = await call(`/api/v1/attachments/${up.id}`, { cookie });
    expect(file.headers.get('content-type')).toBe('image/webp');
    const stored = new Uint8Array(await file.arrayBuffer());
    expect(readWebpGps(stored)).toBeNull();
    expect(Buffer.from(stored).toString('latin1')).not.toContain('GPSLatitude');

    const heic = await upload(cookie, HEIC_BYTES, 'IMG_0042.HEIC', 'image/jpeg');
    expect(heic.status).toBe(415);
    const p = await problemOf(heic);
    expect(p.type).toMatch(/\/heic-unsupported$/);
    expect(p.detail).toContain('Most Compatible');
  });

  it('files are limited to 10 MB', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF_BYTES);
    const res = await upload(cookie, big, 'huge.pdf');
    expect(res.status).toBe(413);
    await problemOf(res);
  });

  it('attached to a case, a file is seen by those who see the case, and by nobody else', async () => {
    const citizen = await login('citizen@demo.civic.tw');
    const up = (await (await upload(citizen, jpegWithGps({ lat: 25, long: 121.5 }), '號誌.jpg')).json()) as { id: string };
    const filed = await call('/api/v1/cases', { cookie: citizen, json: { ...grievance, attachmentIds: [up.id] } });
    expect(filed.status).toBe(202);
    const detail = (await filed.json()) as { id: string; attachments: { id: string; fileName: string; uploaderRole: string; url: string }[] };
    expect(detail.attachments).toEqual([expect.objectContaining({ id: up.id, fileName: '號誌.jpg', uploaderRole: 'citizen', url: `/api/v1/attachments/${up.id}` })]);

    expect((await call(`/api/v1/attachments/${up.id}`, { cookie: await login('officer.dot@demo.civic.tw') })).status).toBe(200);
    expect((await call(`/api/v1/attachments/${up.id}`, { cookie: await login('officer.dep@demo.civic.tw') })).status).toBe(404);
    expect((await call(`/api/v1/attachments/${up.id}`, { cookie: await login('resident@demo.civic.tw') })).status).toBe(404);
    expect((await call(`/api/v1/attachments/${up.id}`)).status).toBe(401);

    // An upload is attached once: naming it again, or naming someone else's, is refused per item.
    const again = await call('/api/v1/cases', { cookie: citizen, json: { ...grievance, attachmentIds: [up.id] } });
    expect((await problemOf(again)).errors).toEqual([expect.objectContaining({ pointer: '/attachmentIds/0', code: 'unknown_reference' })]);
    const other = await login('resident@demo.civic.tw');
    const theirs = (await (await upload(other, PDF_BYTES, 'x.pdf')).json()) as { id: string };
    const stolen = await call('/api/v1/cases', { cookie: citizen, json: { ...grievance, attachmentIds: [theirs.id] } });
    expect(stolen.status).toBe(422);
    // Before it is attached, only its uploader sees an upload.
    expect((await call(`/api/v1/attachments/${theirs.id}`, { cookie: citizen })).status).toBe(404);
    expect((await call(`/api/v1/attachments/${theirs.id}`, { cookie: other })).status).toBe(200);
  });
});
