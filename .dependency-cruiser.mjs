// The layers of src/ (ARCHITECTURE.md's picture), checked by
// dependency-cruiser: src/layers.test.ts runs these rules in `npm test`;
// `npx depcruise src` prints the same violations by hand.
//
// The core, lowest first; a tier imports only its own tier and those below:
//   spec → validate → oracle | generate | model → checks → runner
// The edges (transport, server, pact, report, cli) sit above the core.
const TIERS = [['spec'], ['validate'], ['oracle', 'generate', 'model'], ['checks'], ['runner']];
const CORE = TIERS.flat();
const EDGES = ['transport', 'server', 'pact', 'report', 'cli', 'bench', 'selftest', 'interop'];
const dirs = (names) => `^src/(${names.join('|')})/`;

const upward = TIERS.slice(0, -1).map((tier, i) => ({
  name: `no-upward-from-${tier.join('-')}`,
  comment: `${tier.join(', ')} may not import a higher tier of the core (${TIERS.slice(i + 1).flat().join(', ')})`,
  severity: 'error',
  from: { path: dirs(tier) },
  to: { path: dirs(TIERS.slice(i + 1).flat()) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'core-imports-no-edge',
      comment: 'the core imports no edge: not transport, server, pact, report, cli (nor the tools bench, selftest, interop)',
      severity: 'error',
      from: { path: dirs(CORE) },
      to: { path: dirs(EDGES) },
    },
    ...upward,
    {
      name: 'core-no-io',
      comment: 'in the core only the loader (src/spec/model.ts, which reads contracts/) touches the disk; nothing opens sockets or processes',
      severity: 'error',
      from: { path: dirs(CORE), pathNot: '^src/spec/model\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|net|http|http2|https|tls|dgram|worker_threads|cluster)$' },
    },
    {
      name: 'core-no-edge-packages',
      comment: "the core uses no edge's library: HTTP (undici), Pact, Allure, TLS certificates, load generation, browsers",
      severity: 'error',
      from: { path: dirs(CORE) },
      to: { dependencyTypes: ['npm', 'npm-dev'], path: '^node_modules/(undici|@pact-foundation|allure|allure-js-commons|allure-vitest|selfsigned|autocannon|playwright-core)/' },
    },
    {
      name: 'generator-does-not-predict',
      comment: 'the generator never decides the expected result (ARCHITECTURE.md "Two independences"); only its test helpers call the oracle',
      severity: 'error',
      from: { path: '^src/generate/', pathNot: '^src/generate/testing/' },
      to: { path: '^src/oracle/' },
    },
    {
      name: 'server-is-independent',
      comment: 'the reference server is written with its own code, not built on the harness (ARCHITECTURE.md "Two independences")',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/', pathNot: '^src/server/' },
    },
    {
      name: 'edges-do-not-import-each-other',
      comment: 'transport, pact and report import the core only (the server nothing); the CLI and the tools wire the edges together',
      severity: 'error',
      from: { path: '^src/(transport|pact|report)/' },
      to: { path: '^src/(transport|server|pact|report|cli|bench|selftest|interop)/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    // Tests and their fixtures may reach across layers (a core test starts the reference server).
    exclude: { path: '\\.test\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are imports too (check.ts took its types from the runner).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
