/** The manager dashboard, escalation inbox and public accountability figures. Mounted by worker/index.ts. */
export { default as escalationRoutes } from './escalation-routes';
export { default as publicFigureRoutes } from './public-routes';
export { dailyPublicStats } from './public-stats';
export { default as dashboardRoutes } from './routes';
