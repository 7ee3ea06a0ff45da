// Entry point of the workflow bundle: every workflow type the worker runs is exported here,
// one line per process.
export { caseWorkflow } from './case/workflow';
export { petitionWorkflow } from './petition/workflow';
