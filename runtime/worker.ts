// The worker: runs the annual-cycle workflows and their activities against real PostgreSQL and SMTP.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';
import { WORKFLOWS_PATH } from './workflowBundle';

export async function createCycleWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** E.g. maxCachedWorkflows: 0 in tests that replace the worker (the test server keeps sticky queues). */
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows'>;
  /** A bundle made at build time (runtime/workflowBundle.ts); without it the worker bundles workflows/. */
  workflowBundlePath?: string;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(options.deps),
    // Below the PostgreSQL pool size (prisma/client.ts, 10): activities open transactions, and one that
    // waits longer than Prisma's maxWait for a connection fails and is retried. The outbox protects
    // itself against holding every connection (mail/outbox.ts); this keeps the rest from queueing.
    maxConcurrentActivityTaskExecutions: 8,
    ...options.tuning,
  });
}
