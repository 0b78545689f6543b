// Starts a failing unit's explanation workflow or a unit's feedback workflow as a workflow of its own
// (not a child of the cycle: a federation of any size stays within the server's 2,000 pending children),
// on the worker's own task queue. Starting one that already runs is success: the id is the key.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { ExplanationInput } from '../workflows/explanationWorkflow';
import type { FeedbackWorkflowInput } from '../workflows/feedbackWorkflow';

type UnitWorkflow =
  | { type: 'explanationWorkflow'; args: [ExplanationInput] }
  | { type: 'feedbackWorkflow'; args: [FeedbackWorkflowInput] };

export async function startUnitWorkflow(
  client: Client,
  taskQueue: string,
  workflowId: string,
  workflow: UnitWorkflow,
): Promise<void> {
  try {
    await client.workflow.start(workflow.type, { taskQueue, workflowId, args: workflow.args });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** From inside an activity: the worker's client and task queue. */
export function startFromActivity(workflowId: string, workflow: UnitWorkflow): Promise<void> {
  const context = Context.current();
  return startUnitWorkflow(context.client, context.info.taskQueue, workflowId, workflow);
}
