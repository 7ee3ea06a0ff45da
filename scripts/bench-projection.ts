/**
 * Throughput of the projection path alone (activities → signed internal route → D1), without
 * Temporal: run by `./civic bench outbox projection` against the stack the benchmark started,
 * on cases that exist. Sends one realistic event (snapshot, notices to the assignee or the
 * agency's officers) per case, as the projection activities would, first the way workers before
 * issue 11 did (one request per event, 24 activities at once), then with group commit (64
 * activities sharing 4 requests in flight). Prints one JSON line: events/s of each.
 *   tsx scripts/bench-projection.ts <edge url> <secret> <file with case ids, JSON> <first seq>
 */
import { readFileSync } from 'node:fs';
import { createActivities } from '../workflows/case/activities';
import type { CaseProjectionEvent } from '../workflows/case/contract';

const [edgeUrl, internalSecret, idsFile, firstSeqArg] = process.argv.slice(2);
if (!edgeUrl || !internalSecret || !idsFile || !firstSeqArg) throw new Error('usage: bench-projection.ts <edge url> <secret> <ids.json> <first seq>');
const ids = JSON.parse(readFileSync(idsFile, 'utf8')) as string[];
const firstSeq = Number(firstSeqArg);

function event(caseId: string, seq: number): CaseProjectionEvent {
  const now = new Date().toISOString();
  return {
    caseId,
    seq,
    type: 'sla_warning',
    state: 'received',
    occurredAt: now,
    body: { level: 50 },
    notify: ['assignee'],
    snapshot: {
      state: 'received',
      agencyId: 'TPE-DOT',
      assigneeId: null,
      receivedAt: now,
      acknowledgedAt: null,
      ackDueAt: now,
      resolutionDueAt: now,
      originalResolutionDueAt: now,
      extended: false,
      pausedSince: null,
      supplementDueAt: null,
      repliedAt: null,
      closedAt: null,
      notProcessedCode: null,
      sla: 'warned_50',
      escalations: 0,
      legs: [],
    },
  };
}

/** Runs `send` for every case with `concurrency` callers, as the worker's activity slots would. */
async function run(concurrency: number, send: (caseId: string) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) await send(ids[next++]!);
    }),
  );
  return ids.length / ((performance.now() - t0) / 1000);
}

const single = createActivities({ edgeUrl, internalSecret });
const perEventPerS = await run(24, (id) => single.projectCaseEvent(event(id, firstSeq)));
const grouped = createActivities({ edgeUrl, internalSecret, projectionRequestsInFlight: 4 });
const groupedPerS = await run(64, (id) => grouped.projectCaseEvents({ caseId: id, events: [event(id, firstSeq + 1)] }));
console.log(JSON.stringify({ events: ids.length, perEventPerS, groupedPerS }));
