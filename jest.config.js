/** Tests run from TypeScript sources through swc (no type-check: `npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // End-to-end tests start terraform and the provider: give them room, and keep them apart so two
  // terraform runs do not fight over the 2 cores.
  testTimeout: 120000,
  maxWorkers: 2,
};
