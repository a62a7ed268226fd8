/** Tests run from TypeScript sources through ts-jest in transpile-only mode (`npm run typecheck` type-checks). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  // End-to-end tests start terraform and the provider: give them room, and keep them apart so two
  // terraform runs do not fight over the 2 cores.
  testTimeout: 120000,
  maxWorkers: 2,
  // The generated protocol codecs (made by `npm run build`), made here too when a test run comes first,
  // and the Node.js releases the provider is tested on (fetched once).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // The canary scanner: after each test file, no canary secret may appear in anything recorded.
  setupFilesAfterEnv: ['<rootDir>/test/support/canary-scan.ts'],
};
