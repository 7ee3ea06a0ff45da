import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from './api-client';
import type { NotificationList } from './api-types';
import { LocalizedElement } from './localized-element';
import { formatInstant, t } from './i18n';
import { sharedStyles } from './styles';

/** The in-app inbox: what happened to my cases (or my agency's), newest first. */
@customElement('notifications-page')
export class NotificationsPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private list: NotificationList | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.list = await api<NotificationList>('/notifications');
      this.error = '';
    } catch {
      this.error = t('networkError');
    }
  }

  private async readAll(): Promise<void> {
    await api('/notifications/read-all', { method: 'POST' }).catch(() => undefined);
    await this.load();
  }

  protected override pageTitle(): string {
    return t('notificationsTitle');
  }

  override render() {
    const l = this.list;
    return html`<h1>${t('notificationsTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : ''}
      ${!l && !this.error ? html`<p role="status">${t('loading')}</p>` : ''}
      ${l
        ? html`<p>${t('unreadCount', { n: l.unread })}
              ${l.unread ? html`<button class="secondary" type="button" @click=${this.readAll}>${t('markAllRead')}</button>` : ''}</p>
            ${l.items.length === 0 ? html`<p>${t('noNotifications')}</p>` : ''}
            <ul class="plain">
              ${l.items.map(
                (n) => html`<li class="card">
                  <strong>${n.readAt ? '' : '● '}${n.title}</strong>
                  <div class="muted"><time datetime=${n.createdAt}>${formatInstant(n.createdAt)}</time></div>
                  <p style="white-space: pre-wrap">${n.body}</p>
                  ${n.caseId
                    ? html`<a href="/cases/${n.caseId}">${t('caseNumber')} ${n.caseId}</a>`
                    : n.link
                      ? html`<a href=${n.link}>${t('openNotificationLink')}</a>`
                      : ''}
                </li>`,
              )}
            </ul>`
        : ''}`;
  }
}
