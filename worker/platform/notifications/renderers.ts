/**
 * Legs register how their notifications read; the platform's inbox renders stored notifications
 * through them at read time, in the reader's language, without knowing any leg.
 */
import type { Locale } from '../auth/users';

export interface RenderedNotification {
  subject: string;
  body: string;
}

/** Returns null for kinds the leg does not know. `params` are the JSON stored with the notification. */
export type NotificationRenderer = (kind: string, locale: Locale, params: Record<string, unknown>) => RenderedNotification | null;

const renderers: NotificationRenderer[] = [];

export function registerNotificationRenderer(renderer: NotificationRenderer): void {
  if (!renderers.includes(renderer)) renderers.push(renderer);
}

export function renderStoredNotification(kind: string, locale: Locale, params: Record<string, unknown>): RenderedNotification | null {
  for (const render of renderers) {
    const r = render(kind, locale, params);
    if (r) return r;
  }
  return null;
}
