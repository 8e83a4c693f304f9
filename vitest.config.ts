import { defineConfig } from 'vitest/config';

// Two projects: `unit` (fast, beside the code, plus store contract suites on SQLite and PostgreSQL)
// and `browser` (Playwright on Debian's Chromium against a real hub, in e2e/).
export default defineConfig({
  test: {
    // CI lists every test by name, so its log shows each store suite ran on [sqlite] and [postgres].
    reporters: process.env.CI ? ['verbose'] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
