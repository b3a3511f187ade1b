import { defineConfig } from 'vitest/config';

/** The long runs (`npm run test:soak`), kept out of `npm test`: minutes of mixed traffic per database. */
export default defineConfig({
  test: {
    name: 'soak',
    include: ['test/soak/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
