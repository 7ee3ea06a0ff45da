import { describe, expect, it } from 'vitest';
import { formatChineseNumeral, parseDraft } from '../../../domain/consultations/index';
import { PARK_AMENDMENT_MD, PARK_AMENDMENT_PLAIN, PARTICIPATION_NEW_MD, PARTICIPATION_NEW_PLAIN } from './fixtures';
import { articleOf, draftOf } from './helpers';

describe('amendment 條文對照表 in Markdown (臺北市公園管理自治條例)', () => {
  const draft = draftOf(PARK_AMENDMENT_MD);

  it('is an amendment with its title and 總說明 (wrapped lines joined)', () => {
    expect(draft.kind).toBe('amendment');
    expect(draft.title).toBe('臺北市公園管理自治條例部分條文修正草案條文對照表');
    expect(draft.generalExplanation).toBe(
      '臺北市公園管理自治條例（以下簡稱本自治條例）自中華民國七十二年制定公布施行，歷經多次修正。' +
        '為因應共融式遊戲場之推動及強化公園使用管理，爰擬具本自治條例部分條文修正草案，其修正要點如下：\n' +
        '一、明定主管機關及執行機關。（修正條文第二條）\n' +
        '二、增訂公園審議會之設置。（修正條文第三條之一）',
    );
  });

  it('lists the articles in order with numbers, labels, anchors, status and source line', () => {
    expect(draft.articles.map((a) => [a.number, a.label, a.anchor, a.status, a.line])).toEqual([
      ['2', '第二條', 'a2', 'amended', 14],
      ['3', '第三條', 'a3', 'amended', 22],
      ['3-1', '第三條之一', 'a3-1', 'new', 41],
      ['7', '第七條', 'a7', 'amended', 53],
      ['12', '第十二條', 'a12', 'amended', 74],
      ['14', '第十四條', 'a14', 'deleted', 83],
      ['15', '第十五條', 'a15', 'amended', 93],
    ]);
  });

  it('keeps the chapters as grouping', () => {
    expect(draft.chapters.map((c) => [c.label, c.title, c.articleNumbers])).toEqual([
      ['第一章', '總則', ['2', '3', '3-1']],
      ['第二章', '公園之使用', ['7']],
      ['第三章', '罰則', ['12', '14']],
      ['第四章', '附則', ['15']],
    ]);
    expect(articleOf(draft, '3-1').chapter).toEqual({ number: 1, label: '第一章', title: '總則' });
    expect(articleOf(draft, '14').chapter?.title).toBe('罰則');
  });

  it('strips the repeated label from 修正條文 and 現行條文, keeps 說明', () => {
    const a2 = articleOf(draft, '2');
    expect(a2.text).toBe('本自治條例之主管機關為臺北市政府（以下簡稱市政府），並以臺北市政府工務局公園路燈工程管理處（以下簡稱管理處）為執行機關。');
    expect(a2.current).toBe('本自治條例之主管機關為臺北市政府工務局公園路燈工程管理處（以下簡稱管理處）。');
    expect(a2.explanation).toBe('配合組織分工，明定主管機關為市政府，並以管理處為執行機關。');
    expect(a2.currentNumber).toBeUndefined();
  });

  it('parses 項, 款 and 目 of 第三條 with ranges into the text', () => {
    const a3 = articleOf(draft, '3');
    expect(a3.text.split('\n')).toEqual([
      '本自治條例所稱公園，指下列場所：',
      '一、都市計畫公園用地上已開闢之公園。',
      '二、兒童遊樂場，包括：',
      '（一）獨立設置之兒童遊樂場。',
      '（二）附設於公園內之共融式遊戲場。',
      '三、經市政府公告之綠地及廣場。',
      '前項第三款之公告，應刊登市政府公報。',
    ]);
    expect(a3.paragraphs.map((p) => [p.anchor, p.subparagraphs.length])).toEqual([
      ['a3/p1', 3],
      ['a3/p2', 0],
    ]);
    const [p1, p2] = a3.paragraphs;
    expect(p1!.subparagraphs.map((s) => [s.anchor, s.text.split('\n')[0], s.items.map((i) => i.anchor)])).toEqual([
      ['a3/p1/s1', '一、都市計畫公園用地上已開闢之公園。', []],
      ['a3/p1/s2', '二、兒童遊樂場，包括：', ['a3/p1/s2/i1', 'a3/p1/s2/i2']],
      ['a3/p1/s3', '三、經市政府公告之綠地及廣場。', []],
    ]);
    expect(p1!.subparagraphs[1]!.items.map((i) => i.text)).toEqual(['（一）獨立設置之兒童遊樂場。', '（二）附設於公園內之共融式遊戲場。']);
    expect(p2!.text).toBe('前項第三款之公告，應刊登市政府公報。');
    // Every node's text is exactly its range of the article text, and children nest in parents.
    for (const p of a3.paragraphs) {
      expect(a3.text.slice(p.start, p.end)).toBe(p.text);
      for (const s of p.subparagraphs) {
        expect(a3.text.slice(s.start, s.end)).toBe(s.text);
        expect(s.start >= p.start && s.end <= p.end).toBe(true);
        for (const i of s.items) {
          expect(a3.text.slice(i.start, i.end)).toBe(i.text);
          expect(i.start >= s.start && i.end <= s.end).toBe(true);
        }
      }
    }
    expect(p1!.start).toBe(0);
    expect(p2!.end).toBe(a3.text.length);
  });

  it('imports the new 第三條之一 with its title, two 項 and current null', () => {
    const a = articleOf(draft, '3-1');
    expect(a.title).toBe('公園審議會');
    expect(a.current).toBeNull();
    expect(a.status).toBe('new');
    expect(a.paragraphs.map((p) => p.text.slice(0, 6))).toEqual(['市政府為審議', '審議會置委員']);
    expect(a.explanation).toBe('一、本條新增。\n二、為落實公民參與，明定審議會之設置及組成。');
  });

  it('keeps a deleted 款 (二、（刪除）) in its place', () => {
    const a7 = articleOf(draft, '7');
    expect(a7.paragraphs).toHaveLength(1);
    expect(a7.paragraphs[0]!.subparagraphs.map((s) => s.text)).toEqual([
      '一、攀折花木或損壞公園設施。',
      '二、（刪除）',
      '三、任意丟棄垃圾、菸蒂或其他廢棄物。',
      '四、未經許可擺設攤販或兜售物品。',
      '五、攜帶寵物未繫牽繩，或未清除寵物排泄物。',
    ]);
  });

  it('imports a deleted article: empty text, no paragraphs, current kept', () => {
    const a14 = articleOf(draft, '14');
    expect(a14).toMatchObject({ status: 'deleted', text: '', paragraphs: [] });
    expect(a14.current).toBe('依本自治條例所處之罰鍰，經限期繳納，屆期仍不繳納者，依法移送強制執行。');
  });

  it('splits 項 at line breaks (第十二條, 第十五條)', () => {
    expect(articleOf(draft, '12').paragraphs.map((p) => p.anchor)).toEqual(['a12/p1', 'a12/p2']);
    expect(articleOf(draft, '15').paragraphs.map((p) => p.text)).toEqual(['本自治條例自公布日施行。', '本自治條例修正條文施行日期，由市政府定之。']);
  });
});

describe('amendment 條文對照表 pasted as plain text', () => {
  const draft = draftOf(PARK_AMENDMENT_PLAIN);

  it('reads the 名稱 line, block text on the marker line, wrapped lines and renumbering', () => {
    expect(draft.title).toBe('臺北市公園管理自治條例部分條文修正草案');
    expect(draft.kind).toBe('amendment');
    const a5 = articleOf(draft, '5');
    expect(a5.text).toBe('公園內設施之設置，應考量兒童、高齡者及身心障礙者之使用需求，並符合通用設計原則。');
    expect(a5.current).toBe('公園內設施之設置，應考量兒童之使用需求。');
    expect(a5.currentNumber).toBe('4');
    expect(a5.status).toBe('amended');
  });

  it('treats an article without 現行條文 as new', () => {
    const a = articleOf(draft, '5-1');
    expect(a).toMatchObject({ status: 'new', current: null, title: '認養', label: '第五條之一' });
  });

  it.each(['（無）', '無', '(無)', '（本條新增）', '本條新增', ''])('現行條文：%s means a new article', (none) => {
    const d = draftOf(`### 第2條\n修正條文：甲乙丙。\n現行條文：${none}\n說明：本條新增。`);
    expect(articleOf(d, '2')).toMatchObject({ status: 'new', current: null });
  });

  it.each(['刪除', '（刪除）', '(刪除)', '本條刪除', '（本條刪除）'])('修正條文：%s means a deleted article', (deleted) => {
    const d = draftOf(`### 第2條\n修正條文：${deleted}\n現行條文：甲乙丙。`);
    expect(articleOf(d, '2')).toMatchObject({ status: 'deleted', text: '', current: '甲乙丙。' });
  });

  it('marks an article listed but identical to the current text as unchanged', () => {
    const d = draftOf('### 第2條\n修正條文：\n第二條　甲乙丙。\n現行條文：\n第二條　甲乙丙。');
    expect(articleOf(d, '2').status).toBe('unchanged');
  });

  it('accepts block names in bold or as headings, and 修正規定 / 現行規定', () => {
    const d = draftOf('**第2點**\n**修正規定：**甲乙丙。\n#### 現行規定\n甲乙。\n**說明**：文字修正。'.replace('第2點', '第2條'));
    expect(articleOf(d, '2')).toMatchObject({ text: '甲乙丙。', current: '甲乙。', explanation: '文字修正。' });
  });
});

describe('new regulation', () => {
  const plain = draftOf(PARTICIPATION_NEW_PLAIN);

  it('is new; plain first line is the title; chapters and sections group the articles', () => {
    expect(plain.kind).toBe('new');
    expect(plain.title).toBe('臺北市公民參與審議自治條例草案');
    expect(plain.articles.map((a) => [a.number, a.title ?? null, a.chapter?.label ?? null, a.section?.label ?? null])).toEqual([
      ['1', '立法目的', '第一章', null],
      ['2', '主管機關', '第一章', null],
      ['3', '用詞定義', '第一章', null],
      ['4', null, '第二章', '第一節'],
      ['5', null, '第二章', '第二節'],
      ['6', null, '第三章', null],
    ]);
    expect(plain.chapters[1]).toEqual({
      number: 2,
      label: '第二章',
      title: '參與程序',
      sections: [
        { number: 1, label: '第一節', title: '提案' },
        { number: 2, label: '第二節', title: '審議' },
      ],
      articleNumbers: ['4', '5'],
    });
    expect(plain.articles.every((a) => a.status === 'new' && a.current === null)).toBe(true);
  });

  it('takes text from the heading line and stops at 說明', () => {
    const a1 = articleOf(plain, '1');
    expect(a1.text).toBe('為保障市民參與市政之權利，促進公共政策之審議與溝通，特制定本自治條例。');
    expect(a1.explanation).toBe('明定立法目的。');
  });

  it('parses 款 with 目 in a definition article', () => {
    const a3 = articleOf(plain, '3');
    expect(a3.paragraphs).toHaveLength(1);
    const subs = a3.paragraphs[0]!.subparagraphs;
    expect(subs.map((s) => s.items.length)).toEqual([0, 3, 0]);
    expect(subs[1]!.items[2]).toMatchObject({ anchor: 'a3/p1/s2/i3', index: 3, text: '（三）專家學者。' });
  });

  it('a paragraph after a 款 list is a new 項; an explicit 第二項 marker is dropped', () => {
    const a4 = articleOf(plain, '4');
    expect(a4.paragraphs.map((p) => [p.anchor, p.subparagraphs.length])).toEqual([
      ['a4/p1', 0],
      ['a4/p2', 2],
    ]);
    const a5 = articleOf(plain, '5');
    expect(a5.text).toBe('提案經附議達一定人數者，主管機關應於三十日內召開審議會議，並將會議紀錄公開於網路平臺。\n前項附議人數，由主管機關定之。');
    expect(a5.paragraphs.map((p) => p.anchor)).toEqual(['a5/p1', 'a5/p2']);
  });

  it('reads the Markdown form: bold labels, 條文 blocks, heading titles', () => {
    const md = draftOf(PARTICIPATION_NEW_MD);
    expect(md.kind).toBe('new');
    expect(md.title).toBe('臺北市公民參與審議自治條例草案');
    expect(md.articles.map((a) => [a.number, a.title ?? null, a.text, a.explanation ?? null])).toEqual([
      ['1', '立法目的', '為保障市民參與市政之權利，特制定本自治條例。', '明定立法目的。'],
      ['2', null, '本自治條例之主管機關為臺北市政府。', null],
      ['3', '施行日期', '本自治條例自公布日施行。', null],
    ]);
  });

  it('a forced kind overrides the detection', () => {
    const result = parseDraft('第一條　甲乙丙。', { kind: 'amendment' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(['text_outside_block', 'missing_amended_block']);
  });
});

describe('article numbers in Chinese numerals up to the hundreds', () => {
  it.each([
    ['第九十九條', '99', '第九十九條'],
    ['第一百條', '100', '第一百條'],
    ['第一百零三條', '103', '第一百零三條'],
    ['第一百十條', '110', '第一百十條'],
    ['第一百一十一條', '111', '第一百十一條'],
    ['第一百十二條之一', '112-1', '第一百十二條之一'],
    ['第二百零一條', '201', '第二百零一條'],
    ['第九百九十九條之十', '999-10', '第九百九十九條之十'],
    ['第12條', '12', '第十二條'],
    ['第12條之1', '12-1', '第十二條之一'],
  ])('%s heading → %s, label %s', (heading, number, label) => {
    const d = draftOf(`${heading}\n修正條文：甲。\n現行條文：乙。`);
    expect(d.articles.map((a) => [a.number, a.label])).toEqual([[number, label]]);
  });

  it('imports a 150-article new regulation numbered 第一條 … 第一百五十條 with chapters every 30 articles', () => {
    const lines: string[] = [];
    for (let n = 1; n <= 150; n++) {
      if (n % 30 === 1) lines.push(`第${formatChineseNumeral((n - 1) / 30 + 1)}章　第${n}條起`);
      lines.push(`第${formatChineseNumeral(n)}條　本條為第${n}條。`);
    }
    const d = draftOf(lines.join('\n'));
    expect(d.articles.map((a) => a.number)).toEqual(Array.from({ length: 150 }, (_, i) => String(i + 1)));
    expect(d.articles[102]).toMatchObject({ label: '第一百零三條', text: '本條為第103條。' });
    expect(d.articles[109]!.label).toBe('第一百十條');
    expect(d.chapters.map((c) => c.articleNumbers.length)).toEqual([30, 30, 30, 30, 30]);
    expect(d.chapters[4]!.label).toBe('第五章');
  });
});

describe('line handling', () => {
  it('accepts CRLF, CR, a byte-order mark, full-width indentation and --- separators', () => {
    const src = '\uFEFF第一條　甲乙丙。\r\n\u3000\u3000第二項　丁戊。\r\n---\r第二條　己。';
    const d = draftOf(src);
    expect(d.articles.map((a) => a.text)).toEqual(['甲乙丙。\n丁戊。', '己。']);
    expect(d.articles[1]!.line).toBe(4);
  });

  it('joins hard-wrapped lines unless the line ends a sentence; a blank line always separates', () => {
    const d = draftOf('第一條　市民得就市政事項\n提出提案。\n主管機關應於三十日內回應。\n\n逾期未回應者\n\n應說明理由。');
    expect(d.articles[0]!.text.split('\n')).toEqual(['市民得就市政事項提出提案。', '主管機關應於三十日內回應。', '逾期未回應者', '應說明理由。']);
  });

  it('joins wrapped ASCII words with a space', () => {
    const d = draftOf('第一條　依據 Open\nData 規範公開。');
    expect(d.articles[0]!.text).toBe('依據 Open Data 規範公開。');
  });

  it('keeps 1. / （1） lines inside the enclosing 目 or 款', () => {
    const d = draftOf('第一條　下列事項：\n一、設施：\n（一）遊戲設施：\n1.鞦韆。\n2.滑梯。\n二、其他。');
    const [s1, s2] = d.articles[0]!.paragraphs[0]!.subparagraphs;
    expect(s1!.items[0]!.text).toBe('（一）遊戲設施：\n1.鞦韆。\n2.滑梯。');
    expect(s1!.text).toBe('一、設施：\n（一）遊戲設施：\n1.鞦韆。\n2.滑梯。');
    expect(s2!.text).toBe('二、其他。');
  });

  it('does not take a line starting with an article reference for a heading', () => {
    const d = draftOf('第一條　甲。\n第二條　乙：\n第一條所定事項，由市政府公告之。\n第一條第二項不適用之。');
    expect(d.articles.map((a) => a.number)).toEqual(['1', '2']);
    expect(d.articles[1]!.paragraphs).toHaveLength(3);
  });

  it('ignores document headings before the articles and ends 總說明 at them', () => {
    const d = draftOf('總說明：\n緣起。\n## 條文對照表\n第一條　甲。');
    expect(d.generalExplanation).toBe('緣起。');
  });
});
