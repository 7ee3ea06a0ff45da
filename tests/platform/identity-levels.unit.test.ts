import { describe, expect, it } from 'vitest';
import { identityLevels, identityRankSql, isIdentityLevel, meetsLevel, type IdentityLevel } from '../../worker/platform/identity';

describe('platform identity levels', () => {
  it('are ordered none < email_verified < verified_person', () => {
    expect(identityLevels).toEqual(['none', 'email_verified', 'verified_person']);
  });

  // Every (actual, required) pair: admitted exactly when actual is at or above required.
  const table: [IdentityLevel, IdentityLevel, boolean][] = [
    ['none', 'none', true],
    ['none', 'email_verified', false],
    ['none', 'verified_person', false],
    ['email_verified', 'none', true],
    ['email_verified', 'email_verified', true],
    ['email_verified', 'verified_person', false],
    ['verified_person', 'none', true],
    ['verified_person', 'email_verified', true],
    ['verified_person', 'verified_person', true],
  ];
  it.each(table)('meetsLevel(%s, %s) is %s', (actual, required, expected) => {
    expect(meetsLevel(actual, required)).toBe(expected);
  });

  it('recognises only the platform values (what the users.identity_level CHECK allows)', () => {
    expect(identityLevels.every(isIdentityLevel)).toBe(true);
    for (const v of ['verified', 'basic', 'account', '', null, 2]) expect(isIdentityLevel(v)).toBe(false);
  });

  it('ranks a column in SQL in the same order', () => {
    const sql = identityRankSql('u.identity_level');
    identityLevels.forEach((l, i) => expect(sql).toContain(`WHEN '${l}' THEN ${i}`));
  });
});
