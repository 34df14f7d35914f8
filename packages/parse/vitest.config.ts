import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A busy two-core machine runs these several times slower than an idle one: vitest's 5 s default is too tight.
    testTimeout: 30_000,
    reporters: ['default', ['json', {outputFile: 'test-results/vitest.json'}]]
  }
})
