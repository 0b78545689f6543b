/** Jest runs every suite against real services: see tests/support/globalSetup.ts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  // Two suites at a time: each starts its own Temporal test server (a JVM), worker and database, and
  // much of a suite's time is spent waiting on them, so two overlap well on a 2-core machine (measured:
  // 4 min 56 s against 9 min 30 s in band).
  maxWorkers: 2,
  testTimeout: 120000,
  verbose: false,
};
