export * from './act.js';
export * from './aws-events.js';
export * from './definition.js';
export * from './local-runner.js';
export * from './plan.js';
export * from './tasks.js';
export * from './validate.js';
export * from './wakeups.js';
