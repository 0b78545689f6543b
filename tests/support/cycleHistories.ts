// Histories of a finished cycle (the annual workflow and every child) for replay tests (README:
// deploying new code to a running cycle) and for the benchmark's counts of workflow tasks and activities.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import {
  approvalRoundWorkflowId,
  checkpointRoundWorkflowId,
  explanationWorkflowId,
  feedbackWorkflowId,
  type CycleStatus,
} from '../../workflows/contract';

export interface RecordedHistory {
  workflowId: string;
  history: temporal.api.history.v1.IHistory;
}

/**
 * The cycle's workflow and every child it started, by their ids (contract.ts), read from its status:
 * checkpoint rounds, approval rounds, failing units' explanations and units' feedback.
 */
export function cycleWorkflowIds(cycleWorkflowId: string, status: CycleStatus): string[] {
  return [
    cycleWorkflowId,
    ...status.rounds.map((round) => checkpointRoundWorkflowId(cycleWorkflowId, round.key)),
    ...Array.from({ length: status.approvalRound }, (_, index) =>
      approvalRoundWorkflowId(cycleWorkflowId, index + 1),
    ),
    ...status.explanations.map((explanation) => explanationWorkflowId(cycleWorkflowId, explanation.unitId)),
    ...status.feedbackRecorded.map((unitId) => feedbackWorkflowId(cycleWorkflowId, unitId)),
  ];
}

export async function cycleHistories(client: Client, workflowIds: string[]): Promise<RecordedHistory[]> {
  const histories: RecordedHistory[] = [];
  for (const workflowId of workflowIds) {
    histories.push({ workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() });
  }
  return histories;
}

/** Replays histories against the current workflow code; returns the failures (empty when all replay). */
export async function replayFailures(
  histories: RecordedHistory[],
): Promise<{ workflowId: string; error: string }[]> {
  const failures: { workflowId: string; error: string }[] = [];
  const results = Worker.runReplayHistories(
    { workflowsPath: require.resolve('../../workflows'), replayName: 'kaohe-replay' },
    histories,
  );
  for await (const result of results) {
    if (result.error) failures.push({ workflowId: result.workflowId, error: String(result.error) });
  }
  return failures;
}

export function countEvents(histories: RecordedHistory[]) {
  let workflowTasks = 0;
  let activities = 0;
  let events = 0;
  for (const { history } of histories) {
    for (const event of history.events ?? []) {
      events += 1;
      if (event.workflowTaskCompletedEventAttributes) workflowTasks += 1;
      if (event.activityTaskScheduledEventAttributes) activities += 1;
    }
  }
  return { workflows: histories.length, workflowTasks, activities, events };
}

export const HISTORY_DIR = path.join(__dirname, '..', 'workflows', 'histories');

/** Writes histories as JSON files (one per workflow), the format Temporal's CLI and UI export. */
export async function saveHistories(histories: RecordedHistory[], name: string): Promise<void> {
  const { historyToJSON } = await import('@temporalio/common/lib/proto-utils');
  fs.mkdirSync(HISTORY_DIR, { recursive: true });
  for (const { workflowId, history } of histories) {
    const file = path.join(HISTORY_DIR, `${name}--${workflowId.replace(/[^a-zA-Z0-9-]+/g, '_')}.json`);
    fs.writeFileSync(file, historyToJSON(history as temporal.api.history.v1.History));
  }
}
