import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../platform/api-client';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';

/**
 * Follow / stop following a round (signed-in people): followers are told in-app and by e-mail
 * when voting opens, results are published and funded projects report progress.
 */
@customElement('budget-follow-button')
export class BudgetFollowButton extends LocalizedElement {
  static override styles = sharedStyles;
  @property() roundId = '';
  @state() private following: boolean | null = null;
  @state() private busy = false;
  @state() private failed = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void api<{ following: boolean }>(`/budget-rounds/${this.roundId}/follow`).then(
      (r) => (this.following = r.following),
      () => (this.failed = true),
    );
  }

  private async toggle(): Promise<void> {
    this.busy = true;
    this.failed = false;
    try {
      this.following = (await api<{ following: boolean }>(`/budget-rounds/${this.roundId}/follow`, { method: this.following ? 'DELETE' : 'PUT' })).following;
    } catch {
      this.failed = true;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (this.following === null && !this.failed) return nothing;
    return html`<p class="hint" id="follow-hint">${this.following ? t('following') : t('followHint')}</p>
      <button type="button" class="secondary" aria-describedby="follow-hint" ?disabled=${this.busy} @click=${this.toggle}>
        ${this.following ? t('unfollow') : t('follow')}
      </button>
      ${this.failed ? html`<p class="alert" role="alert">${t('networkError')}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-follow-button': BudgetFollowButton;
  }
}
