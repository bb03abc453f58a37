// Mutation testing (issue 14): `npm run mutate` (README "Development").
// The tests run against each mutant are vitest.mutate.config.ts's; the
// survivors judged equivalent, with the reason, are in mutation-survivors.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  checkers: ['typescript'],
  // The mutated folders and what they import: the rest of src/ does not slow each check.
  tsconfigFile: 'tsconfig.mutate.json',
  coverageAnalysis: 'perTest',
  mutate: [
    'src/checks/**/*.ts',
    'src/oracle/**/*.ts',
    'src/generate/**/*.ts',
    'src/model/**/*.ts',
    '!src/**/*.test.ts',
    '!src/**/testing/**',
  ],
  // A rerun tests only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  // One test process: this machine's two cores are shared (`-- --concurrency N` for more).
  concurrency: 1,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
