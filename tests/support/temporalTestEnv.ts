// Temporal's Java test server with time skipping, started through @temporalio/testing.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';

/** The SDK's own log (bundling, worker states) only from WARN up, so a test run's output stays readable. */
function quietTemporalLog(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this module registry: keep it.
  }
}

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.KAOHE_TEMPORAL_TEST_SERVER;
  if (!path)
    throw new Error(
      'KAOHE_TEMPORAL_TEST_SERVER is unset: run the tests through jest (tests/support/globalSetup.ts)',
    );
  quietTemporalLog();
  // The SDK gives the JVM 5 s to listen; on a loaded machine it can take longer, so try again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path } },
      });
    } catch (error) {
      if (attempt >= 6 || !/did not start within/.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
    }
  }
}
