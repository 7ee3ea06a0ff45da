/**
 * The demo petitions of `./civic start` (scripts/lib/demo-petitions.mjs), created on the real
 * stack through the API and their workflows: the list then shows one open petition with
 * endorsements, one passed and awaiting its agency's response, one responded; a second run adds
 * nothing.
 */
import { describe, expect, inject, it } from 'vitest';
import { demoPetitions, seedDemoPetitions } from '../../scripts/lib/demo-petitions.mjs';

interface Detail {
  id: string;
  state: string;
  endorsements: number;
  agencyId: string | null;
  response: { points: unknown[] } | null;
  workflowStarted: boolean;
}

describe('demo petitions', () => {
  it('one open with endorsements, one awaiting response, one responded; idempotent', { timeout: 300_000 }, async () => {
    const base = inject('edgeUrl');
    const ids = await seedDemoPetitions(base);
    const get = async (id: string) => (await (await fetch(`${base}/api/v1/petitions/${id}`)).json()) as Detail;
    expect(await get(ids.open)).toMatchObject({ state: 'open', endorsements: 2, workflowStarted: true });
    expect(await get(ids.awaiting)).toMatchObject({ state: 'awaiting_response', endorsements: 3, agencyId: 'TPE-DOT' });
    const responded = await get(ids.responded);
    expect(responded).toMatchObject({ state: 'responded', agencyId: 'TPE-DEP' });
    expect(responded.response?.points).toHaveLength(2);
    // The public list shows them.
    const list = (await (await fetch(`${base}/api/v1/petitions?limit=100`)).json()) as { items: { id: string }[] };
    expect(list.items.map((p) => p.id)).toEqual(expect.arrayContaining(Object.values(ids)));
    // The settings are back as they were (the demo threshold was only for the submissions).
    const settings = (await (await fetch(`${base}/api/v1/petitions/settings`)).json()) as { threshold: number };
    expect(settings.threshold).not.toBe(3);
    expect(await seedDemoPetitions(base)).toEqual(ids);
    const mineAfter = (await (await fetch(`${base}/api/v1/petitions?q=${encodeURIComponent(demoPetitions[0]!.title)}`)).json()) as { total: number };
    expect(mineAfter.total).toBe(1);
  });
});
