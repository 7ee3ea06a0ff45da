/**
 * Every stable refusal code and every event type the case workflow emits has a zh-TW and an
 * English text in the case UI, so a person never sees Temporal's English or a raw code.
 */
import { describe, expect, it } from 'vitest';
import { en, zh } from '../../web-components/src/cases/messages';
import { caseEventTypes, caseRuleCodes } from '../../workflows/case/contract';

const edgeCodes = ['temporal-unavailable', 'outcome-unknown', 'workflow-not-started'];

describe('case UI texts', () => {
  it.each([...caseRuleCodes, ...edgeCodes])('refusal %s is translated', (code) => {
    const key = `problem.${code}` as keyof typeof zh;
    expect(zh[key]).toMatch(/[\u4e00-\u9fff]/);
    expect(en[key]).toMatch(/^[A-Z]/);
  });

  it.each(caseEventTypes)('event %s has a timeline label', (type) => {
    const key = `event.${type}` as keyof typeof zh;
    expect(zh[key]).toBeTruthy();
    expect(en[key]).toBeTruthy();
  });
});
