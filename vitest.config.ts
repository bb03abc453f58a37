import { defineConfig } from 'vitest/config';

// Pact's library pings an analytics host unless told not to (toolchain.md).
process.env['PACT_DO_NOT_TRACK'] = 'true';

// Projects: unit tests beside the code; Pact consumer tests write the pact
// files before the provider verification reads them (groupOrder); property
// suites run against MFA_TARGET_URL or the embedded reference server.
export default defineConfig({
  test: {
    // reportMatchers off: allure-vitest would otherwise record every assertion's
    // arguments as a step, and the redaction tests assert that fixture tokens
    // are absent (not.toContain(token)): the token itself would land in reports/.
    // The suite's own Allure results go beside, not into, a conformance run's reports/allure-results.
    reporters: ['default', ['allure-vitest/reporter', { resultsDir: 'reports/self-test/allure-results', reportMatchers: false }]],
    globalSetup: ['./vitest.globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.consumer.test.ts', 'src/**/*.provider.test.ts', 'node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'pact-consumer', include: ['src/**/*.consumer.test.ts'], sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: 'pact-provider', include: ['src/**/*.provider.test.ts'], sequence: { groupOrder: 2 } },
      },
      {
        extends: true,
        test: { name: 'properties', include: ['properties/**/*.prop.ts'], sequence: { groupOrder: 3 } },
      },
    ],
  },
});
