import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'scratch'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits on pages and servers that share two cores with the rest of the suite: its
    // default of 1 s failed browser steps (a reload, then an alert) on a busy CI machine.
    expect: { poll: { timeout: 10_000 } },
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
