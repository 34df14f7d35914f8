import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    // A guard against a hang, not a speed test: a loaded 2-core CI machine runs these several times slower.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', ['json', {outputFile: 'test-results/vitest.json'}]]
  }
})
