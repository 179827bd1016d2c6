import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // tests/fuzz: generated bad input at every entry point, bounded by a fixed number of runs.
          include: ['tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          environment: 'node',
          // Exhaustive analysis of a scenario takes seconds on two busy cores; a hang still fails.
          testTimeout: 60_000,
          // Unit tests first, then the browser tests: run together on two cores, the multi-node classroom
          // (PostgreSQL, Redis, four Node processes) and Chromium starve each other into timeouts.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: these machines have two cores.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
