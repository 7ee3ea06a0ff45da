/**
 * What the petition leg's UI offers other legs: the accountability table (petitions awaiting
 * review, responses due and overdue per agency, on-time rate) for the dashboard and the public
 * accountability page. Other legs import this file only.
 */
export { PetitionAccountabilityTable } from './petition-accountability-table';
