/**
 * Rule names as used in Pabulib's META `rule` and accepted by the product and the CLI.
 */

export const TALLY_RULES = [
  'greedy',
  'greedy-no-skip',
  'greedy-threshold',
  'equalshares',
  'equalshares/add1',
  'equalshares/add1-comparison',
  'equalshares/add1-greedy',
] as const;

export type TallyRule = (typeof TALLY_RULES)[number];

export function isTallyRule(name: string): name is TallyRule {
  return (TALLY_RULES as readonly string[]).includes(name);
}

export const RULE_DESCRIPTIONS: Readonly<Record<TallyRule, string>> = {
  greedy: 'fund projects by score, skipping any that no longer fits',
  'greedy-no-skip': 'fund projects by score, stopping at the first that does not fit',
  'greedy-threshold': 'greedy among projects whose score reaches min_project_score_threshold',
  equalshares: 'Method of Equal Shares, each voter endowed with budget / voters',
  'equalshares/add1': 'Method of Equal Shares with the add1 completion',
  'equalshares/add1-comparison': 'add1, replaced by greedy if more voters prefer the greedy outcome',
  'equalshares/add1-greedy': 'add1, then the money left is filled greedily',
};
