/**
 * Shared vitest setup: a Lambda-like environment and nothing that reaches the
 * network. Every test file gets it (vitest.config.ts `setupFiles`).
 */
process.env.TZ = 'UTC';
process.env.AWS_REGION ??= 'eu-west-2';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.POWERTOOLS_DEV ??= 'false';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
