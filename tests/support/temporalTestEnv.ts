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

/**
 * The real Temporal server (tools/temporal-dev-server: go.temporal.io/server on SQLite, what `npm
 * start` and production run), in a temporary folder, with its limits (10 updates in flight, 2,000 per
 * workflow…). No time skipping: stages are advanced by hand.
 */
export async function createRealServerEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalLog();
  const fs = await import('node:fs');
  const os = await import('node:os');
  const nodePath = await import('node:path');
  const { startTemporalDevServer } = await import('../../runtime/temporalDevServer');
  const { freePort } = await import('./mainJob');
  const dataDir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'kaohe-temporal-'));
  const server = await startTemporalDevServer({ dataDir, port: await freePort() });
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: server.address });
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await teardown();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return env;
}
