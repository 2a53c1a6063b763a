import { defineConfig } from 'vitest/config';

// Unit tests beside the code; end-to-end journeys in e2e/ drive real Chromium against the built
// console served by a real API, so they run one file at a time with generous timeouts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
