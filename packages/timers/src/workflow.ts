/**
 * What the Lambda entry points need — plan, act, the task handlers and the
 * definition — without the local runner (aws-local-stepfunctions, the Lambda
 * SDK) or asl-validator, so a function bundle stays small.
 */
export * from './act.js';
export * from './definition.js';
export * from './plan.js';
export * from './tasks.js';
