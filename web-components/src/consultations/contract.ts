/**
 * What the consultation leg's UI offers other legs: the per-agency consultation figures (the
 * dashboard and the accountability page show them). Other legs import this file only.
 */
export { ConsultationFigures } from './consultation-figures';
