/**
 * The rules of one consultation's time as a plain, deterministic state machine: when it opens and
 * closes, the agency's response deadline after the close with its 50 % / 75 % warnings, and the
 * overdue flag. No Temporal imports and no clock of its own: the workflow passes `now` in.
 *
 * The close is also enforced where comments are written (the edge compares each comment's receipt
 * instant with the stored close in the INSERT itself), so a comment racing the close timer is
 * refused whatever this machine has projected yet.
 */
import { parsePlainDate } from '../../domain/calendar/plain-date';
import { twOfficialCalendar } from '../../domain/calendar/business-calendar';
import { responseDeadline, responseStateAt, type ResponseDeadline } from '../../domain/consultations';
import type {
  ConsultationAudience,
  ConsultationEventType,
  ConsultationState,
  ConsultationWorkflowInput,
  ResponseState,
} from './contract';

export interface ConsultationEventDraft {
  type: ConsultationEventType;
  level?: number;
  notify?: ConsultationAudience[];
}

export type ConsultationTimerKind = 'open' | 'close' | 'warn_50' | 'warn_75' | 'overdue';

export interface ConsultationTimer {
  kind: ConsultationTimerKind;
  at: number;
}

export class ConsultationProcess {
  private readonly opensMs: number;
  private readonly closesMs: number;
  private readonly deadline: ResponseDeadline;
  private state: ConsultationState = 'scheduled';
  private warned50 = false;
  private warned75 = false;
  private overdue = false;

  constructor(readonly input: ConsultationWorkflowInput) {
    this.opensMs = Date.parse(input.opensAt);
    this.closesMs = Date.parse(input.closesAt);
    this.deadline = responseDeadline({
      closesAt: this.closesMs,
      period: input.responsePeriod,
      calendar: twOfficialCalendar(input.closures.map(parsePlainDate)),
    });
  }

  get currentState(): ConsultationState {
    return this.state;
  }

  /** Nothing is left to time once the report is out or the overdue flag is raised. */
  get finished(): boolean {
    return this.state === 'reported' || this.overdue;
  }

  get responseDueAt(): string {
    return new Date(this.deadline.dueMs).toISOString();
  }

  responseState(nowMs: number): ResponseState | undefined {
    if (this.state !== 'closed' && this.state !== 'reported') return undefined;
    const s = responseStateAt(this.deadline, nowMs);
    return s === 'paused' ? 'on_track' : s;
  }

  /** The next timer to wait for, or null when nothing is left. */
  nextTimer(): ConsultationTimer | null {
    if (this.finished) return null;
    if (this.state === 'scheduled') return { kind: 'open', at: this.opensMs };
    if (this.state === 'open') return { kind: 'close', at: this.closesMs };
    if (!this.warned50) return { kind: 'warn_50', at: this.deadline.warn50AtMs };
    if (!this.warned75) return { kind: 'warn_75', at: this.deadline.warn75AtMs };
    // Overdue from the first instant after the due instant (which is still in time).
    return { kind: 'overdue', at: this.deadline.dueMs + 1 };
  }

  /** Applies a due timer; returns the event to project (null when it changes nothing). */
  fire(kind: ConsultationTimerKind): ConsultationEventDraft | null {
    switch (kind) {
      case 'open':
        if (this.state !== 'scheduled') return null;
        this.state = 'open';
        return { type: 'opened', notify: ['followers'] };
      case 'close':
        if (this.state !== 'open') return null;
        this.state = 'closed';
        return { type: 'closed', notify: ['followers', 'agency_officers'] };
      case 'warn_50':
        if (this.state !== 'closed' || this.warned50) return null;
        this.warned50 = true;
        return { type: 'response_warning', level: 50, notify: ['agency_officers'] };
      case 'warn_75':
        if (this.state !== 'closed' || this.warned75) return null;
        this.warned50 = true;
        this.warned75 = true;
        return { type: 'response_warning', level: 75, notify: ['agency_officers', 'supervisors'] };
      case 'overdue':
        if (this.state !== 'closed' || this.overdue) return null;
        this.overdue = true;
        return { type: 'response_overdue', notify: ['supervisors', 'oversight'] };
    }
  }

  /** The edge reported that the summary report is published: the clock stops. */
  reportPublished(): void {
    if (this.state === 'closed') this.state = 'reported';
  }
}
