/**
 * How every process calls its projection activity: an edge refusal or outage is retried with
 * backoff for as long as it lasts (issue 13), so a workflow and its timers never die of a
 * write-back. Activity options are not replayed, so changing them never breaks a history.
 */
import type { ActivityOptions } from '@temporalio/workflow';

export const projectionRetry: ActivityOptions['retry'] = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

export const projectionActivityOptions: ActivityOptions = { startToCloseTimeout: '30 seconds', retry: projectionRetry };
