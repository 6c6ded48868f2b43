/**
 * `npm run test:aws`: the Lambda handlers in-process against moto_server, a
 * local imitation of the AWS APIs (S3, DynamoDB, Step Functions, SES v2, SNS,
 * SQS, EventBridge Scheduler). `test/aws/global-setup.ts` starts it on a free
 * loopback port and stops it at the end; no AWS account, nothing leaves 127.0.0.1.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/aws/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    globalSetup: ['./test/aws/global-setup.ts'],
    // One moto for every file; files run one after another so their calls do not interleave in its records.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
