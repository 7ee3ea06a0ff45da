/** Open311 GeoReport v2 over the case leg. Mounted by worker/index.ts. */
export { default as open311Routes } from './routes';
