/**
 * What the case leg's UI offers other legs: the case state badge (the dashboard lists cases).
 * Other legs import this file only, never the leg's internals.
 */
export { StateBadge } from './state-badge';
