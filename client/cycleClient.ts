// The API's only way to the annual cycle's workflows: start them, send updates and signals, read their
// state, all through the definitions in workflows/contract.ts.
import { Client, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
// Type-only: the API never loads workflow code, it starts workflows by their registered names.
import type { annualCycleWorkflow } from '../workflows/annualCycleWorkflow';
import type { FeedbackWorkflowInput } from '../workflows/feedbackWorkflow';
import { cycleStatusQuery, type AnnualCycleInput, type CycleStatus } from '../workflows/contract';

/** The cycle's workflow is already running (a second publish). */
export class CycleAlreadyRunningError extends Error {
  override name = 'CycleAlreadyRunningError';
}

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
  signal<Args extends unknown[]>(
    workflowId: string,
    signal: SignalDefinition<Args>,
    ...args: Args
  ): Promise<void>;
  /** A unit's feedback workflow (Art. 19); one already running is success. */
  startFeedback(workflowId: string, input: FeedbackWorkflowInput): Promise<void>;
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
          throw new CycleAlreadyRunningError(`the cycle ${workflowId} is already running`);
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
    signal: (workflowId, signal, ...args) => handle(workflowId).signal(signal, ...args),
    async startFeedback(workflowId, input) {
      try {
        await client.workflow.start('feedbackWorkflow', { taskQueue, workflowId, args: [input] });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    },
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
