import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { getEmailPreference, listNotifications, markRead, setEmailPreference } from './db';
import { jsonBody, jsonResponse, problems } from '../openapi';
import { fail } from '../problem';
import { createRouter } from '../validation';
import { requireRole } from '../auth/middleware';
import { renderStoredNotification } from './renderers';
import {
  NotificationIdParamSchema,
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationPreferencesSchema,
} from '../schemas';

/** The signed-in person's in-app inbox and delivery preferences. */
const notifications = createRouter();
const signedIn = requireRole();

notifications.openapi(
  createRoute({
    middleware: [signedIn] as const,
    method: 'get',
    path: '/',
    tags: ['Notifications'],
    summary: 'My notifications, newest first, with the unread count.',
    request: { query: NotificationListQuerySchema },
    responses: { 200: jsonResponse(NotificationListSchema, 'Notifications.'), ...problems(401, 422) },
  }),
  async (c) => {
    const user = c.get('user')!;
    const { unread, limit } = c.req.valid('query');
    const list = await listNotifications(c.env.DB, user.id, { unreadOnly: unread === 'true', limit });
    return c.json(
      {
        unread: list.unread,
        items: list.items.map((n) => {
          const rendered = renderStoredNotification(n.kind, user.locale, n.params);
          return {
            id: n.id,
            caseId: n.caseId,
            link: n.link,
            kind: n.kind,
            title: rendered?.subject ?? n.kind,
            body: rendered?.body.trim() ?? '',
            createdAt: n.createdAt,
            readAt: n.readAt,
          };
        }),
      },
      200,
    );
  },
);

notifications.openapi(
  createRoute({
    middleware: [signedIn] as const,
    method: 'post',
    path: '/read-all',
    tags: ['Notifications'],
    summary: 'Mark all my notifications read.',
    responses: { 200: jsonResponse(z.object({ changed: z.int() }), 'Marked.'), ...problems(401) },
  }),
  async (c) => c.json({ changed: await markRead(c.env.DB, c.get('user')!.id, new Date().toISOString()) }, 200),
);

notifications.openapi(
  createRoute({
    middleware: [signedIn] as const,
    method: 'post',
    path: '/{id}/read',
    tags: ['Notifications'],
    summary: 'Mark one notification read (idempotent).',
    request: { params: NotificationIdParamSchema },
    responses: { 204: { description: 'Marked.' }, ...problems(401, 404, 422) },
  }),
  async (c) => {
    const changed = await markRead(c.env.DB, c.get('user')!.id, new Date().toISOString(), c.req.valid('param').id);
    if (changed === 0) fail(404, 'notification-not-found', 'No such notification of yours.');
    return c.body(null, 204);
  },
);

notifications.openapi(
  createRoute({
    middleware: [signedIn] as const,
    method: 'get',
    path: '/preferences',
    tags: ['Notifications'],
    summary: 'My delivery preferences (the in-app inbox is always on).',
    responses: { 200: jsonResponse(NotificationPreferencesSchema, 'Preferences.'), ...problems(401) },
  }),
  async (c) => c.json({ email: await getEmailPreference(c.env.DB, c.get('user')!.id) }, 200),
);

notifications.openapi(
  createRoute({
    middleware: [signedIn] as const,
    method: 'put',
    path: '/preferences',
    tags: ['Notifications'],
    summary: 'Turn e-mail notifications on or off.',
    request: jsonBody(NotificationPreferencesSchema),
    responses: { 200: jsonResponse(NotificationPreferencesSchema, 'Saved.'), ...problems(400, 401, 422) },
  }),
  async (c) => {
    const { email } = c.req.valid('json');
    await setEmailPreference(c.env.DB, c.get('user')!.id, email);
    return c.json({ email }, 200);
  },
);

export default notifications;
