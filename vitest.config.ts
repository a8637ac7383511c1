import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['worker/**/*.test.ts', 'web/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    pool: 'threads',
    // Fails the run if a test leaves a process behind (tests/support/processes.ts).
    globalSetup: ['tests/support/no-orphans.ts'],
  },
});
