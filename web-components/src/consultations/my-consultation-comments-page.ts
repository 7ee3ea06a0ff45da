import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { formatInstant } from '../platform/i18n';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import './consultation-state-badge';
import { type MessageKey, t } from './i18n';
import type { MyComment } from './types';

/** The citizen's comments on every consultation, each with the agency's answer once published. */
@customElement('my-consultation-comments-page')
export class MyConsultationCommentsPage extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .answer {
        border-left: 4px solid #1d6b34;
        padding-left: 0.75rem;
      }
    `,
  ];
  @state() private items: MyComment[] | null = null;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items = (await api<{ items: MyComment[] }>('/consultations/my-comments')).items;
    } catch {
      this.error = t('networkError');
    }
  }

  override render() {
    return html`
      <h1>${t('myCommentsTitle')}</h1>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      ${this.items === null && !this.error ? html`<p role="status">${t('loading')}</p><progress aria-label=${t('loading')}></progress>` : nothing}
      ${this.items?.length === 0 ? html`<p>${t('noMyComments')}</p>` : nothing}
      ${this.items?.map(
        (k) => html`<article class="card" data-comment-id=${k.id}>
          <h2><a href="/consultations/${k.consultationId}">${k.consultationTitle}</a></h2>
          <p><consultation-state-badge state=${k.consultationState}></consultation-state-badge>
            <span class="muted">${k.articleLabel ? t('onArticle', { label: k.articleLabel }) : t('onWholeDraft')}・${formatInstant(k.submittedAt)}</span></p>
          <p class="body">${k.body}</p>
          ${k.disposition
            ? html`<div class="answer" data-testid="my-disposition">
                <p><strong>${t('disposition')}：${t(`outcome.${k.disposition.outcome}` as MessageKey)}</strong></p>
                <p class="body">${k.disposition.reason}</p>
              </div>`
            : html`<p class="muted">${k.consultationState === 'closed' ? t('awaitingDisposition') : ''}</p>`}
        </article>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'my-consultation-comments-page': MyConsultationCommentsPage;
  }
}
