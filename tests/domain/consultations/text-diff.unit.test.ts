import { describe, expect, it } from 'vitest';
import {
  diffNewText,
  diffOldText,
  diffStats,
  diffText,
  renderDiffInline,
  tokenizeForDiff,
  type DiffSegment,
} from '../../../domain/consultations/index';
import { diffSequences } from '../../../domain/consultations/text-diff';
import { prng } from './helpers';

/** Length of the longest common subsequence, by dynamic programming (the reference for minimality). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Token edits of a diff (tokens inserted + deleted). */
function editTokens(segments: readonly DiffSegment[]): number {
  return segments.filter((s) => s.op !== 'equal').reduce((n, s) => n + tokenizeForDiff(s.text).length, 0);
}

function checkWellFormed(segments: readonly DiffSegment[]): void {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    expect(s.text).not.toBe('');
    const next = segments[i + 1];
    if (next) {
      expect(next.op === s.op, 'adjacent segments of the same op are merged').toBe(false);
      expect(s.op === 'insert' && next.op === 'delete', 'a deletion comes before the insertion').toBe(false);
    }
  }
}

const ALPHABETS = ['甲乙丙', '之的條款項目，。', 'ab 12', '公園市府 A\n', '𠮟𠀀甲'];

function randomText(random: () => number, alphabet: string, maxLength: number): string {
  const chars = [...alphabet];
  const n = Math.floor(random() * (maxLength + 1));
  let out = '';
  for (let i = 0; i < n; i++) out += chars[Math.floor(random() * chars.length)];
  return out;
}

/** A random edit of `text`: some deletions, insertions and replacements of short runs. */
function mutate(random: () => number, text: string, alphabet: string): string {
  const chars = [...text];
  const edits = 1 + Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (chars.length + 1));
    const len = Math.floor(random() * 4);
    const insert = [...randomText(random, alphabet, 4)];
    chars.splice(at, random() < 0.5 ? len : 0, ...(random() < 0.7 ? insert : []));
  }
  return chars.join('');
}

describe('tokenizeForDiff', () => {
  it.each([
    ['第十二條之一', ['第', '十', '二', '條', '之', '一']],
    ['處新臺幣3000元', ['處', '新', '臺', '幣', '3000', '元']],
    ['依 Open Data 公開', ['依', ' ', 'Open', ' ', 'Data', ' ', '公', '開']],
    ['甲\n\n  乙', ['甲', '\n\n  ', '乙']],
    ['（一）A1.5', ['（', '一', '）', 'A1', '.', '5']],
    ['𠮟責', ['𠮟', '責']],
    ['', []],
  ])('%j → %j', (text, tokens) => {
    expect(tokenizeForDiff(text)).toEqual(tokens);
    expect(tokenizeForDiff(text).join('')).toBe(text);
  });
});

describe('diffText', () => {
  it.each<[string, string, string, DiffSegment[]]>([
    ['identical', '甲乙丙', '甲乙丙', [{ op: 'equal', text: '甲乙丙' }]],
    ['both empty', '', '', []],
    ['from empty', '', '甲乙', [{ op: 'insert', text: '甲乙' }]],
    ['to empty', '甲乙', '', [{ op: 'delete', text: '甲乙' }]],
    [
      'a word inserted (第三款增列菸蒂)',
      '任意丟棄垃圾或其他廢棄物。',
      '任意丟棄垃圾、菸蒂或其他廢棄物。',
      [
        { op: 'equal', text: '任意丟棄垃圾' },
        { op: 'insert', text: '、菸蒂' },
        { op: 'equal', text: '或其他廢棄物。' },
      ],
    ],
    [
      'a replacement: deletion first, then insertion',
      '經市政府公告之綠地、廣場。',
      '經市政府公告之綠地及廣場。',
      [
        { op: 'equal', text: '經市政府公告之綠地' },
        { op: 'delete', text: '、' },
        { op: 'insert', text: '及' },
        { op: 'equal', text: '廣場。' },
      ],
    ],
    [
      'numbers change as a whole',
      '罰鍰新臺幣1200元',
      '罰鍰新臺幣1500元',
      [
        { op: 'equal', text: '罰鍰新臺幣' },
        { op: 'delete', text: '1200' },
        { op: 'insert', text: '1500' },
        { op: 'equal', text: '元' },
      ],
    ],
    [
      'nothing in common',
      '甲乙',
      '丙丁',
      [
        { op: 'delete', text: '甲乙' },
        { op: 'insert', text: '丙丁' },
      ],
    ],
  ])('%s', (_what, oldText, newText, expected) => {
    const segments = diffText(oldText, newText);
    expect(segments).toEqual(expected);
    checkWellFormed(segments);
  });

  it.each([
    ['an added paragraph starts at the line break', '甲乙。', '甲乙。\n丙丁。', '甲乙。{+\n丙丁。+}'],
    ['an added sentence ends at the sentence end', '罰鍰。', '罰鍰。並得按次處罰。', '罰鍰。{+並得按次處罰。+}'],
    ['a removed clause ends after its comma', '規定，經勸導而不聽從者，處罰', '規定，處罰', '規定，[-經勸導而不聽從者，-]處罰'],
    ['an added line in the middle is a whole line', '一、甲。\n三、丙。', '一、甲。\n二、乙。\n三、丙。', '一、甲。\n{+二、乙。\n+}三、丙。'],
  ])('places edits at readable boundaries: %s', (_what, oldText, newText, rendered) => {
    expect(renderDiffInline(diffText(oldText, newText))).toBe(rendered);
  });

  it('renders inline marks and counts characters', () => {
    const segments = diffText('違反第七條或第八條規定者', '違反第七條規定者');
    expect(renderDiffInline(segments)).toBe('違反第七條[-或第八條-]規定者');
    expect(diffStats(segments)).toEqual({ inserted: 0, deleted: 4, equal: 8 });
  });

  it('is minimal: edits = n + m − 2·LCS, on random texts (property)', () => {
    const random = prng(20260301);
    for (let run = 0; run < 1500; run++) {
      const alphabet = ALPHABETS[run % ALPHABETS.length]!;
      const a = randomText(random, alphabet, 30);
      const b = run % 2 === 0 ? randomText(random, alphabet, 30) : mutate(random, a, alphabet);
      const segments = diffText(a, b);
      const ta = tokenizeForDiff(a);
      const tb = tokenizeForDiff(b);
      expect(editTokens(segments), `${JSON.stringify(a)} → ${JSON.stringify(b)}`).toBe(ta.length + tb.length - 2 * lcsLength(ta, tb));
    }
  });

  it('applying the ops to the old text reproduces the new text, on random texts (property)', () => {
    const random = prng(154);
    for (let run = 0; run < 3000; run++) {
      const alphabet = ALPHABETS[run % ALPHABETS.length]!;
      const a = randomText(random, alphabet, 80);
      const b = run % 3 === 0 ? randomText(random, alphabet, 80) : mutate(random, a, alphabet);
      const segments = diffText(a, b);
      expect(diffOldText(segments)).toBe(a);
      expect(diffNewText(segments)).toBe(b);
      checkWellFormed(segments);
      // Replaying the script on the old text, segment by segment.
      let cursor = 0;
      let rebuilt = '';
      for (const s of segments) {
        if (s.op === 'insert') {
          rebuilt += s.text;
          continue;
        }
        expect(a.startsWith(s.text, cursor)).toBe(true);
        cursor += s.text.length;
        if (s.op === 'equal') rebuilt += s.text;
      }
      expect(cursor).toBe(a.length);
      expect(rebuilt).toBe(b);
    }
  });

  it('is deterministic and symmetric in edit count', () => {
    const random = prng(48);
    for (let run = 0; run < 200; run++) {
      const a = randomText(random, '甲乙丙丁', 40);
      const b = mutate(random, a, '甲乙丙丁');
      expect(diffText(a, b)).toEqual(diffText(a, b));
      expect(editTokens(diffText(a, b))).toBe(editTokens(diffText(b, a)));
    }
  });

  it('diffSequences covers both sequences exactly once', () => {
    const random = prng(9);
    for (let run = 0; run < 300; run++) {
      const a = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 4));
      const b = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 4));
      let ai = 0;
      let bi = 0;
      for (const e of diffSequences(a, b)) {
        if (e.op === 0) {
          expect(e.aStart).toBe(ai);
          expect(e.bStart).toBe(bi);
          for (let k = 0; k < e.length; k++) expect(a[ai + k]).toBe(b[bi + k]);
          ai += e.length;
          bi += e.length;
        } else if (e.op === 1) {
          expect(e.aStart).toBe(ai);
          ai += e.length;
        } else {
          expect(e.bStart).toBe(bi);
          bi += e.length;
        }
      }
      expect([ai, bi]).toEqual([a.length, b.length]);
    }
  });

  it('is fast on 5,000-character articles', () => {
    const random = prng(5000);
    const alphabet = '本自治條例所稱公園指下列場所市政府公告之綠地及廣場違反規定者處新臺幣罰鍰，。、：；一二三四五六七八九十';
    const a = randomText(random, alphabet, 0) + Array.from({ length: 5000 }, () => [...alphabet][Math.floor(random() * [...alphabet].length)]).join('');
    let b = a;
    for (let k = 0; k < 40; k++) b = mutate(random, b, alphabet);
    let t0 = performance.now();
    const similar = diffText(a, b);
    const similarMs = performance.now() - t0;
    expect(diffNewText(similar)).toBe(b);
    expect(similarMs).toBeLessThan(200);

    const c = Array.from({ length: 5000 }, () => [...alphabet][Math.floor(random() * [...alphabet].length)]).join('');
    t0 = performance.now();
    const unrelated = diffText(a, c);
    const unrelatedMs = performance.now() - t0;
    expect(diffOldText(unrelated)).toBe(a);
    expect(diffNewText(unrelated)).toBe(c);
    expect(unrelatedMs).toBeLessThan(3000);
  });
});
