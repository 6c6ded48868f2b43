import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'infra/test/**/*.test.ts',
      'functions/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // Against moto_server: `npm run test:aws` (vitest.aws.config.ts).
    exclude: [...configDefaults.exclude, 'test/aws/**'],
    setupFiles: ['./test/setup.ts'],
    // Each run's temporary files go to a folder of its own, removed at the end (test/global-temp.ts).
    globalSetup: ['./test/global-temp.ts'],
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
    // The machine has 2 cores; more workers only queue.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
