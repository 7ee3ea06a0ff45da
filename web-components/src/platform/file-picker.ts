import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from './api-client';
import { problemMessage } from './field-messages';
import { formatNumber, t } from './i18n';
import { LocalizedElement } from './localized-element';
import { sharedStyles } from './styles';

export interface Uploaded {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  locationRemoved: boolean;
  location: { lat: number; long: number } | null;
}

const MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 10;

/**
 * Photos and documents for a form: each file is uploaded as soon as it is chosen (with progress),
 * checked by the server by its content; the form sends the ids (`ids`). A photo's location is
 * removed on upload; the person may use it as the case location instead.
 * @property label - the field's label
 * @property offerLocation - offer "use the photo's location" (case filing)
 * @fires civic-use-location - detail: { lat, long } the person chose to use
 */
@customElement('file-picker')
export class FilePicker extends LocalizedElement {
  static override styles = sharedStyles;
  @property() label = '';
  @property({ type: Boolean }) offerLocation = false;
  @state() private files: Uploaded[] = [];
  @state() private busy = 0;
  @state() private error = '';

  /** The ids of the uploaded files, for the form's `attachmentIds`. */
  get ids(): string[] {
    return this.files.map((f) => f.id);
  }

  reset(): void {
    this.files = [];
    this.error = '';
  }

  private async choose(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    this.error = '';
    for (const file of chosen) {
      if (this.files.length + this.busy >= MAX_FILES) {
        this.error = t('filesTooMany', { max: MAX_FILES });
        break;
      }
      if (file.size > MAX_BYTES) {
        this.error = t('fileTooBig', { name: file.name, max: 10 });
        continue;
      }
      this.busy++;
      try {
        const res = await fetch(`/api/v1/attachments?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          body: file,
          headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
          credentials: 'same-origin',
        });
        const body = (await res.json()) as Uploaded & { type: string; title: string; detail?: string };
        if (!res.ok) throw new ApiError({ type: body.type, title: body.title, status: res.status, detail: body.detail });
        this.files = [...this.files, body];
      } catch (err) {
        this.error =
          err instanceof ApiError && err.problem.type.endsWith('/heic-unsupported')
            ? t('fileHeic', { name: file.name })
            : err instanceof ApiError && err.status === 415
            ? t('fileWrongType', { name: file.name })
            : err instanceof ApiError
              ? problemMessage(err.problem)
              : t('networkError');
      } finally {
        this.busy--;
      }
    }
  }

  private removeFile(id: string): void {
    this.files = this.files.filter((f) => f.id !== id);
  }

  override render() {
    return html`<label for="files">${this.label}</label>
      <p class="hint" id="files-hint">${t('filesHint', { max: 10, count: MAX_FILES })}</p>
      <input id="files" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" aria-describedby="files-hint" data-testid="file-input"
        @change=${this.choose} />
      ${this.busy ? html`<p role="status">${t('uploading')}<progress aria-label=${t('uploading')}></progress></p>` : nothing}
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      ${this.files.length
        ? html`<ul class="plain" data-testid="uploaded-files">
            ${this.files.map(
              (f) => html`<li style="display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.25rem 0">
                <span>${f.fileName} <span class="muted">(${formatNumber(f.size / 1024, 0)} KB)</span></span>
                ${f.locationRemoved ? html`<span class="muted">${t('locationRemoved')}</span>` : nothing}
                ${this.offerLocation && f.location
                  ? html`<button type="button" class="secondary" @click=${() =>
                      this.dispatchEvent(new CustomEvent('civic-use-location', { detail: f.location, bubbles: true, composed: true }))}>
                      ${t('useLocation')}
                    </button>`
                  : nothing}
                <button type="button" class="secondary" @click=${() => this.removeFile(f.id)} aria-label=${t('removeFile', { name: f.fileName })}>${t('remove')}</button>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'file-picker': FilePicker;
  }
}
