// Temporal's Java test server with time skipping, started through @temporalio/testing.
import { TestWorkflowEnvironment } from '@temporalio/testing';

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.KAOHE_TEMPORAL_TEST_SERVER;
  if (!path) throw new Error('KAOHE_TEMPORAL_TEST_SERVER is unset: run the tests through jest (tests/support/globalSetup.ts)');
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
}
