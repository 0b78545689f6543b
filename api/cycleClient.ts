// The API's only way to the annual cycle: start it, send it updates, read its state, all through the
// definitions in workflows/contract.ts.
import { Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
// Type-only: the API never loads workflow code, it starts the workflow by its registered name.
import type { annualCycleWorkflow, AnnualCycleInput } from '../workflows/annualCycleWorkflow';
import { cycleStatusQuery, type CycleStatus } from '../workflows/contract';
import { conflict } from './errors';

export interface CycleClient {
  start(workflowId: string, input: AnnualCycleInput): Promise<void>;
  update<Ret, Args extends unknown[]>(
    workflowId: string,
    update: UpdateDefinition<Ret, Args>,
    ...args: Args
  ): Promise<Ret>;
  query<Ret, Args extends unknown[]>(
    workflowId: string,
    query: QueryDefinition<Ret, Args>,
    ...args: Args
  ): Promise<Ret>;
  status(workflowId: string): Promise<CycleStatus>;
  isRunning(workflowId: string): Promise<boolean>;
}

export function createCycleClient(client: Client, taskQueue: string): CycleClient {
  const handle = (workflowId: string): WorkflowHandle => client.workflow.getHandle(workflowId);
  return {
    async start(workflowId, input) {
      try {
        await client.workflow.start<typeof annualCycleWorkflow>('annualCycleWorkflow', {
          taskQueue,
          workflowId,
          args: [input],
        });
      } catch (error) {
        if (
          error instanceof WorkflowExecutionAlreadyStartedError ||
          (error as Error).name === 'WorkflowExecutionAlreadyStartedError'
        ) {
          throw conflict('ALREADY_PUBLISHED', `the cycle ${workflowId} is already running`);
        }
        throw error;
      }
    },
    update: <Ret, Args extends unknown[]>(
      workflowId: string,
      update: UpdateDefinition<Ret, Args>,
      ...args: Args
    ) =>
      // Every update of the contract takes exactly one argument (the actor's input).
      handle(workflowId).executeUpdate(update as unknown as UpdateDefinition<Ret, [unknown]>, {
        args: args as unknown as [unknown],
      }),
    query: (workflowId, query, ...args) => handle(workflowId).query(query, ...args),
    status: (workflowId) => handle(workflowId).query(cycleStatusQuery),
    async isRunning(workflowId) {
      try {
        const description = await handle(workflowId).describe();
        return description.status.name === 'RUNNING';
      } catch {
        return false;
      }
    },
  };
}
