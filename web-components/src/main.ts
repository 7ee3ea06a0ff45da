// Composition root of the UI: the shell (platform) and the routes (every leg's pages).
import type { CivicApp } from './platform/civic-app';
import './platform/civic-app';
import { startRouter } from './routes';

const shell = document.querySelector<CivicApp>('civic-app');
if (shell) void shell.updateComplete.then(() => startRouter(shell.outlet));
