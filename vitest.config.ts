import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // Browser tests share two cores: one file at a time keeps timings honest.
    fileParallelism: false,
  },
});
