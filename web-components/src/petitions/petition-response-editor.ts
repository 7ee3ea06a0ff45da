import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import { problemText } from './problem-text';
import type { PetitionDetail } from './types';

interface Point {
  heading: string;
  answer: string;
}

/**
 * The agency's point-by-point response: a summary and one heading + answer per point, points
 * added and removed by buttons. Published with an idempotency key.
 * @fires civic-petition-updated - detail: the petition after the response
 */
@customElement('petition-response-editor')
export class PetitionResponseEditor extends LocalizedElement {
  static override styles = sharedStyles;
  @property() petitionId = '';
  @state() private points: Point[] = [{ heading: '', answer: '' }];
  @state() private summary = '';
  @state() private busy = false;
  @state() private error = '';
  @state() private fieldErrors: Record<string, string> = {};
  private key = crypto.randomUUID();

  private edit(i: number, k: keyof Point, v: string): void {
    this.points = this.points.map((p, j) => (j === i ? { ...p, [k]: v } : p));
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.busy = true;
    this.error = '';
    this.fieldErrors = {};
    try {
      const updated = await api<PetitionDetail>(`/petitions/${this.petitionId}/respond`, {
        json: { summary: this.summary, points: this.points },
        headers: { 'idempotency-key': this.key },
      });
      this.key = crypto.randomUUID();
      this.dispatchEvent(new CustomEvent('civic-petition-updated', { detail: updated, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof ApiError) this.fieldErrors = err.fieldErrors();
      this.error = problemText(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<form class="card" novalidate @submit=${this.submit} aria-labelledby="respond-heading">
      <h3 id="respond-heading">${t('agencyTitle')}</h3>
      ${this.error ? html`<div class="alert" role="alert">${this.error}</div>` : nothing}
      <label for="response-summary">${t('responseSummary')}</label>
      <textarea id="response-summary" data-testid="response-summary" .value=${this.summary} aria-invalid=${this.fieldErrors.summary ? 'true' : 'false'}
        @input=${(e: Event) => (this.summary = (e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.points.map(
        (p, i) => html`<fieldset class="card">
          <legend>${t('point', { n: i + 1 })}</legend>
          <label for="heading-${i}">${t('pointHeading')}</label>
          <input id="heading-${i}" data-testid="point-heading-${i}" .value=${p.heading} @input=${(e: Event) => this.edit(i, 'heading', (e.target as HTMLInputElement).value)} />
          <label for="answer-${i}">${t('pointAnswer')}</label>
          <textarea id="answer-${i}" data-testid="point-answer-${i}" .value=${p.answer} @input=${(e: Event) => this.edit(i, 'answer', (e.target as HTMLTextAreaElement).value)}></textarea>
          ${this.points.length > 1
            ? html`<div class="actions"><button type="button" class="secondary" @click=${() => (this.points = this.points.filter((_, j) => j !== i))}>${t('removePoint')}</button></div>`
            : nothing}
        </fieldset>`,
      )}
      <div class="actions">
        <button type="button" class="secondary" ?disabled=${this.points.length >= 50} @click=${() => (this.points = [...this.points, { heading: '', answer: '' }])}>${t('addPoint')}</button>
        <button type="submit" data-testid="respond-submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : t('publishResponse')}</button>
      </div>
      ${this.busy ? html`<progress aria-label=${t('submitting')}></progress>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-response-editor': PetitionResponseEditor;
  }
}
