import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.json, `npm run
// mutate`): the fast unit tests of the mutated folders (src/checks,
// src/oracle, src/generate, src/model) and the spec model they stand on.
// Not the slow ones: agreesWithServer (10,000 requests through the reference
// server), the runner, CLI, self-test and Pact suites, the property suites.
// Same global setup as vitest.config.ts (one temp folder for the suite).
export default defineConfig({
  test: {
    include: [
      'src/checks/**/*.test.ts',
      'src/oracle/**/*.test.ts',
      'src/generate/**/*.test.ts',
      'src/model/**/*.test.ts',
      'src/spec/model.test.ts',
    ],
    exclude: ['src/oracle/agreesWithServer.test.ts', 'node_modules/**'],
    globalSetup: ['./vitest.globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
