import { createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { requireRole } from '../auth/middleware';
import { jsonResponse, problems } from '../openapi';
import { fail } from '../problem';
import { AttachmentIdSchema, AttachmentUploadQuerySchema, UploadedAttachmentSchema } from '../schemas';
import { createRouter } from '../validation';
import { findAttachment, insertAttachment } from './db';
import { readGps, stripGps } from './jpeg-gps';
import { attachmentViewer } from './owners';
import { extensionOf, isHeif, sniffMediaType } from './sniff';
import { readWebpGps, stripWebpGps } from './webp-meta';

/** Uploads up to this size; photos from phones are 2–6 MB. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const attachments = createRouter();

attachments.openapi(
  createRoute({
    middleware: [
      requireRole(),
      bodyLimit({
        maxSize: MAX_ATTACHMENT_BYTES,
        onError: () => fail(413, 'body-too-large', `Files are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`),
      }),
    ] as const,
    method: 'post',
    path: '/',
    tags: ['Attachments'],
    summary: 'Upload a photo (JPEG, PNG, WebP) or document (PDF) to attach to a case, a supplement or a reply.',
    description:
      'The raw file is the body. Its type is decided by its content (magic bytes), not by its name or Content-Type. ' +
      'HEIC/HEIF photos are refused with 415 heic-unsupported (the UI tells the person how to send a JPEG). ' +
      'Location metadata (EXIF GPS; in WebP also the XMP chunk) is removed from photos before they are stored; the location is returned once, to the ' +
      'uploader only, so that they may choose to use it as the case location. Until attached (`attachmentIds` of the ' +
      'form), only the uploader can see the file.',
    request: {
      query: AttachmentUploadQuerySchema,
      body: { required: true, content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
    },
    responses: { 201: jsonResponse(UploadedAttachmentSchema, 'Stored.'), ...problems(401, 413, 415, 422) },
  }),
  async (c) => {
    const { name } = c.req.valid('query');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.length === 0) fail(422, 'validation', 'The file is empty.', { errors: [{ pointer: '', in: 'body', code: 'required', detail: 'Required.' }] });
    const mediaType = sniffMediaType(raw);
    if (!mediaType && isHeif(raw)) {
      fail(415, 'heic-unsupported', 'HEIC/HEIF photos are not accepted: send a JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible).');
    }
    if (!mediaType) fail(415, 'unsupported-media-type', 'Only JPEG, PNG and WebP photos and PDF documents, recognised by their content.');
    const location = mediaType === 'image/jpeg' ? readGps(raw) : mediaType === 'image/webp' ? readWebpGps(raw) : null;
    const stripped = mediaType === 'image/jpeg' ? stripGps(raw) : mediaType === 'image/webp' ? stripWebpGps(raw) : { bytes: raw, removed: false };
    const id = crypto.randomUUID();
    const user = c.get('user')!;
    const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    const record = {
      id,
      uploadedBy: user.id,
      ownerKind: null,
      ownerId: null,
      fileName: `${base}.${extensionOf[mediaType]}`,
      mediaType,
      size: stripped.bytes.length,
      sha256: [...new Uint8Array(await crypto.subtle.digest('SHA-256', stripped.bytes))].map((b) => b.toString(16).padStart(2, '0')).join(''),
      gpsRemoved: stripped.removed,
      createdAt: new Date().toISOString(),
    };
    // The object first: a row without its object would be a broken link, an object without a row is invisible.
    await c.env.FILES.put(`attachments/${id}`, stripped.bytes, { httpMetadata: { contentType: mediaType } });
    await insertAttachment(c.env.DB, record);
    return c.json(
      {
        id,
        fileName: record.fileName,
        mediaType,
        size: record.size,
        locationRemoved: stripped.removed,
        location,
      },
      201,
    );
  },
);

attachments.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'get',
    path: '/{id}',
    tags: ['Attachments'],
    summary: 'The file, for those who may see what it is attached to (and its uploader).',
    request: { params: z.strictObject({ id: AttachmentIdSchema }) },
    responses: { 200: { description: 'The file.' }, ...problems(401, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const user = c.get('user')!;
    const a = await findAttachment(c.env.DB, id);
    let visible = a !== null && a.uploadedBy === user.id;
    if (a && !visible && a.ownerKind && a.ownerId) visible = (await attachmentViewer(a.ownerKind)?.(c, a.ownerId)) ?? false;
    if (!a || !visible) fail(404, 'attachment-not-found', 'No such file is visible to you.');
    const object = await c.env.FILES.get(`attachments/${a.id}`);
    if (!object) fail(404, 'attachment-not-found', 'No such file is visible to you.');
    const inline = a.mediaType !== 'application/pdf';
    return new Response(object.body, {
      headers: {
        'content-type': a.mediaType,
        'content-length': String(a.size),
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.fileName)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=3600',
      },
    });
  },
);

export default attachments;
