import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import type { CaseDetail } from './types';
import type { MessageKey } from './i18n';
import { t } from './i18n';
import { sharedStyles } from '../platform/styles';
import { LocalizedElement } from '../platform/localized-element';
import { checkLocally, messagesByField, problemMessage } from '../platform/field-messages';
import { SatisfactionRequestSchema } from '../../../worker/cases/schemas';
import '../platform/char-counter';

/**
 * The satisfaction survey the citizen answers once after the reply (1–5 and a comment).
 * @property caseId - the answered case
 * @fires civic-case-updated - detail: the case with its score recorded
 */
@customElement('satisfaction-survey')
export class SatisfactionSurvey extends LocalizedElement {
  static override styles = sharedStyles;
  @property() caseId = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private comment = '';

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const score = Number(data.get('score'));
    const comment = String(data.get('comment') ?? '').trim();
    if (!score) {
      this.error = t('surveyChooseScore');
      this.renderRoot.querySelector<HTMLInputElement>('input[name=score]')?.focus();
      return;
    }
    const checked = checkLocally(SatisfactionRequestSchema, { score, ...(comment ? { comment } : {}) });
    if (!checked.ok) {
      this.error = messagesByField(checked.errors).comment ?? t('surveyChooseScore');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const updated = await api<CaseDetail>(`/cases/${this.caseId}/satisfaction`, { json: checked.data });
      this.dispatchEvent(new CustomEvent('civic-case-updated', { detail: updated, bubbles: true, composed: true }));
    } catch (err) {
      this.error = err instanceof ApiError ? problemMessage(err.problem) : t('networkError');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form class="card" @submit=${this.submit} novalidate data-testid="satisfaction-survey">
      <fieldset style="border: none; padding: 0; margin: 0" aria-describedby=${this.error ? 'survey-error' : nothing}>
        <legend><strong>${t('surveyTitle')}</strong>: ${t('surveyScore')}</legend>
        ${[1, 2, 3, 4, 5].map(
          (n) => html`<label style="font-weight: 400; margin: 0.4rem 0"
            ><input type="radio" name="score" value=${n} style="width: auto" /> ${t(`score.${n}` as MessageKey)}</label
          >`,
        )}
      </fieldset>
      <label for="survey-comment">${t('surveyComment')}</label>
      <textarea id="survey-comment" name="comment" aria-describedby="survey-comment-limits"
        @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
      <char-counter for="survey-comment" .value=${this.comment} max="1000"></char-counter>
      ${this.error ? html`<div class="alert" role="alert" id="survey-error">${this.error}</div>` : nothing}
      <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('surveySubmit')}</button></div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'satisfaction-survey': SatisfactionSurvey;
  }
}
