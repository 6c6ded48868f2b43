#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between `npm ci` and `npx inbox`.
import { register } from 'tsx/esm/api';

register();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
