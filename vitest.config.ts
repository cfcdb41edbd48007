import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // Two test files at a time (one on a one-core machine): most files wait on browsers, servers and child processes
    // much of the time, and two keep both cores of CI busy (measured: 1240 s one at a time, 828 s two at a time, the
    // machine 69% and 95% busy). Not more: each file may run several Chromiums, PostgreSQL and workers of its own.
    // Nothing in a file may depend on being alone: servers listen on port 0, data folders are temporary, and the one
    // X display (test/platforms.e2e.test.ts) is used by one file only.
    fileParallelism: true,
    maxWorkers: Math.max(1, Math.min(2, availableParallelism())),
  },
});
