// The worker: runs the annual-cycle workflows and their activities against real PostgreSQL and SMTP.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';

export async function createCycleWorker(options: {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** E.g. maxCachedWorkflows: 0 in tests that replace the worker (the test server keeps sticky queues). */
  tuning?: Pick<WorkerOptions, 'maxCachedWorkflows'>;
}): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities(options.deps),
    ...options.tuning,
  });
}
