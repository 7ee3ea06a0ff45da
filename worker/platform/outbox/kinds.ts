/**
 * Legs register what each of their outbox kinds does in Temporal (start a workflow, or signal
 * one); the platform's drain, queue consumer and sweep dispatch rows through this table without
 * knowing any leg.
 */
import { z } from 'zod';
import type { Bindings } from '../env';
import type { OutboxKind } from './db';

export interface WorkflowStart {
  workflowId: string;
  workflowType: string;
  input: unknown[];
}

export interface WorkflowSignal {
  signal: string;
  workflowId: string;
  input: unknown[];
}

/** A start is idempotent by workflow ID, a signal by the row's request ID: both are safe to resend. */
export type OutboxAction = WorkflowStart | WorkflowSignal;

export type OutboxStarter = (env: Bindings, payload: unknown) => OutboxAction;

const starters = new Map<OutboxKind, OutboxStarter>();

export function registerOutboxKind(kind: OutboxKind, starter: OutboxStarter): void {
  starters.set(kind, starter);
}

export function outboxStarter(kind: OutboxKind): OutboxStarter | undefined {
  return starters.get(kind);
}

export const isSignal = (a: OutboxAction): a is WorkflowSignal => 'signal' in a;

/**
 * The generic kind: any leg can have a signal delivered after its D1 commit by enqueueing
 * `signal_workflow` with this payload (aggregate_id: a unique key of that signal).
 */
export const SignalPayloadSchema = z.strictObject({
  workflowId: z.string().min(1).max(200),
  signal: z.string().min(1).max(100),
  input: z.array(z.unknown()).max(10),
});

registerOutboxKind('signal_workflow', (_env, payload) => SignalPayloadSchema.parse(payload));
