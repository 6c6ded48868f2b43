/**
 * What the Lambda entry points need — plan, act, the task handlers, the
 * definition and the cloud CaseEvents (Step Functions client, the generation
 * counter's port) — without the local runner (aws-local-stepfunctions, the Lambda
 * SDK) or asl-validator, so a function bundle stays small.
 */
export * from './act.js';
export * from './aws-events.js';
export * from './definition.js';
export * from './plan.js';
export * from './schedule.js';
export * from './sweep.js';
export * from './tasks.js';
export * from './wakeups.js';
