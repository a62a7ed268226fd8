/**
 * Tests run from TypeScript sources through ts-jest in transpile-only mode (`npm run typecheck` type-checks).
 *
 * Two projects: `unit` (every `*.test.ts` but the end-to-end ones: no terraform needed, no Node
 * releases fetched; `npm run test:unit`) and `e2e` (`*.e2e.test.ts`: the real terraform, cdktf/cdktn
 * CLIs and other Node releases; `npm run test:e2e`). Plain `jest` (so `npm test`) runs both.
 */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  // The canary scanner: after each test file, no canary secret may appear in anything recorded.
  setupFilesAfterEnv: ['<rootDir>/test/support/canary-scan.ts'],
};

module.exports = {
  // End-to-end tests start terraform and the provider: give them room, and keep them apart so two
  // terraform runs do not fight over the 2 cores.
  testTimeout: 120000,
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
      // The generated protocol codecs (made by `npm run build`), made here too when a test run comes first.
      globalSetup: '<rootDir>/test/support/global-setup-unit.js',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.test.ts'],
      // The codecs, and the Node.js releases the provider is tested on (fetched once).
      globalSetup: '<rootDir>/test/support/global-setup.js',
    },
  ],
};
