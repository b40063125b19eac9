import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'eval/**/*.test.ts', 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default, one fork fewer than the cores, ran CI's two cores one file at a time (about 850 s of tests);
    // two forks take 623 s there. Every file has its own databases, so files may run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
