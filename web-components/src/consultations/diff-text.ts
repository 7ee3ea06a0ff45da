import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocalizedElement } from '../platform/localized-element';
import { t } from './i18n';
import type { DiffSegment } from './types';

/**
 * Text with its changes marked the way a 條文對照表 marks them: insertions underlined, deletions
 * struck through. `show` picks the side: the new text (insertions marked), the old text
 * (deletions marked), or both. Screen readers hear "inserted" / "deleted" before each change.
 */
@customElement('diff-text')
export class DiffText extends LocalizedElement {
  static override styles = css`
    :host {
      display: block;
      white-space: pre-wrap;
      line-height: 1.7;
    }
    ins {
      text-decoration: underline 2px;
      text-underline-offset: 3px;
      background: #e3f1e6;
      color: #0f4d22;
    }
    del {
      text-decoration: line-through 2px;
      background: #fbe6e6;
      color: #7c1515;
    }
    .sr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    @media print {
      ins,
      del {
        background: none;
        color: #000;
      }
    }
  `;

  @property({ attribute: false }) segments: readonly DiffSegment[] = [];
  @property() show: 'new' | 'old' | 'both' = 'new';

  override render() {
    return this.segments.map((s) => {
      if (s.op === 'equal') return s.text;
      if (s.op === 'insert') return this.show === 'old' ? '' : html`<ins><span class="sr">[${t('inserted')}]</span>${s.text}</ins>`;
      return this.show === 'new' ? '' : html`<del><span class="sr">[${t('deletedText')}]</span>${s.text}</del>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'diff-text': DiffText;
  }
}
