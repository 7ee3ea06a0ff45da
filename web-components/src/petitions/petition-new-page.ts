import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, api } from '../platform/api-client';
import '../platform/error-summary';
import { LocalizedElement } from '../platform/localized-element';
import { navigate } from '../platform/navigation';
import { sharedStyles } from '../platform/styles';
import { t } from './i18n';
import './petition-card';
import { problemText } from './problem-text';
import type { PetitionDetail, PetitionSummary } from './types';

const FIELDS = ['title', 'summary', 'body'] as const;
const LIMITS = { title: [5, 100], summary: [10, 500], body: [30, 10_000] } as const;

/**
 * Writing a petition: similar published petitions are suggested while typing (the same trigram
 * search), to prevent duplicates. Saving creates the draft and submits it for review.
 */
@customElement('petition-new-page')
export class PetitionNewPage extends LocalizedElement {
  static override styles = sharedStyles;
  @state() private busy = false;
  @state() private error = '';
  @state() private errors: Record<string, string> = {};
  @state() private similar: PetitionSummary[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private lastQuery = '';

  private suggest(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loadSimilar(), 300);
  }

  private async loadSimilar(): Promise<void> {
    const title = this.renderRoot.querySelector<HTMLInputElement>('#title')?.value ?? '';
    const summary = this.renderRoot.querySelector<HTMLTextAreaElement>('#summary')?.value ?? '';
    const q = `${title} ${summary}`.trim().slice(0, 200);
    if (q.length < 2 || q === this.lastQuery) return;
    this.lastQuery = q;
    try {
      this.similar = (await api<{ items: PetitionSummary[] }>(`/petitions/similar?q=${encodeURIComponent(q)}`)).items;
    } catch {
      /* suggestions are a convenience */
    }
  }

  private check(values: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of FIELDS) {
      const n = [...values[f]!.trim()].length;
      const [min, max] = LIMITS[f];
      if (n < min || n > max) out[f] = t(`${f}Hint`);
    }
    return out;
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(data.get(f) ?? '')])) as Record<(typeof FIELDS)[number], string>;
    this.errors = this.check(values);
    this.error = '';
    if (Object.keys(this.errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${Object.keys(this.errors)[0]}`)?.focus();
      return;
    }
    this.busy = true;
    try {
      const draft = await api<PetitionDetail>('/petitions', { json: values });
      await api<PetitionDetail>(`/petitions/${draft.id}/submit`, { method: 'POST', json: {} });
      navigate(`/petitions/${draft.id}`);
    } catch (err) {
      if (err instanceof ApiError) this.errors = Object.fromEntries(Object.keys(err.fieldErrors()).map((k) => [k, t(`${k}Hint` as 'titleHint')]));
      this.error = problemText(err);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const field = (name: (typeof FIELDS)[number], multi: boolean) => {
      const err = this.errors[name];
      const desc = `${name}-hint${err ? ` ${name}-error` : ''}`;
      return html`<label for=${name}>${t(name)}</label>
        <p class="hint" id="${name}-hint">${t(`${name}Hint`)}</p>
        ${multi
          ? html`<textarea id=${name} name=${name} data-testid="petition-${name}" aria-describedby=${desc} aria-invalid=${err ? 'true' : 'false'} @input=${this.suggest}></textarea>`
          : html`<input id=${name} name=${name} data-testid="petition-${name}" aria-describedby=${desc} aria-invalid=${err ? 'true' : 'false'} @input=${this.suggest} />`}
        ${err ? html`<p class="field-error" id="${name}-error">${err}</p>` : nothing}`;
    };
    return html`<h1>${t('newTitle')}</h1>
      <p>${t('newLead')}</p>
      <error-summary .message=${this.error} .errors=${this.errors} .labels=${{ title: t('title'), summary: t('summary'), body: t('body') }}
        @civic-focus-field=${(e: CustomEvent<string>) => this.renderRoot.querySelector<HTMLElement>(`#${e.detail}`)?.focus()}></error-summary>
      <form class="card" novalidate @submit=${this.submit}>
        ${field('title', false)} ${field('summary', true)}
        ${this.similar.length
          ? html`<section aria-labelledby="similar-heading" aria-live="polite" data-testid="similar">
              <h2 id="similar-heading">${t('similarTitle')}</h2>
              <p class="hint">${t('similarLead')}</p>
              ${this.similar.map((p) => html`<petition-card .petition=${p}></petition-card>`)}
            </section>`
          : nothing}
        ${field('body', true)}
        <div class="actions">
          <button type="submit" data-testid="petition-submit" ?disabled=${this.busy}>${this.busy ? t('submitting') : t('submitPetition')}</button>
        </div>
        ${this.busy ? html`<progress aria-label=${t('submitting')}></progress>` : nothing}
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'petition-new-page': PetitionNewPage;
  }
}
