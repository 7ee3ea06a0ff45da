/**
 * Legs register what each of their outbox kinds starts; the platform's drain dispatches rows
 * through this table without knowing any leg.
 */
import type { Bindings } from '../env';
import type { OutboxKind } from './db';

export interface WorkflowStart {
  workflowId: string;
  workflowType: string;
  input: unknown[];
}

export type OutboxStarter = (env: Bindings, payload: unknown) => WorkflowStart;

const starters = new Map<OutboxKind, OutboxStarter>();

export function registerOutboxKind(kind: OutboxKind, starter: OutboxStarter): void {
  starters.set(kind, starter);
}

export function outboxStarter(kind: OutboxKind): OutboxStarter | undefined {
  return starters.get(kind);
}
