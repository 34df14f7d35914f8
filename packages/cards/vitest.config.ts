import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Cards and artwork are real libvips work: on a busy two-core machine one test took over vitest's 5 s default.
    testTimeout: 30_000,
    reporters: ['default', ['json', {outputFile: 'test-results/vitest.json'}]]
  }
})
