// Histories of a finished cycle (the annual workflow and every child) for replay tests (README:
// deploying new code to a running cycle) and for the benchmark's counts of workflow tasks and activities.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
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
 * The cycle's workflow and every workflow of its year, by their ids (contract.ts), read from its status
 * completed with the facts (api/cycles/statusFacts.ts): approval rounds, failing units'
 * explanations and units' feedback; an engine-1 cycle also had a child per checkpoint round.
 */
export function cycleWorkflowIds(cycleWorkflowId: string, status: CycleStatus, engine = 2): string[] {
  return [
    cycleWorkflowId,
    ...(engine === 1
      ? status.rounds.map((round) => checkpointRoundWorkflowId(cycleWorkflowId, round.key))
      : []),
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

/**
 * Writes histories as JSON files (one per workflow) holding the history as base64 protobuf: Temporal's
 * proto3-JSON converter (historyToJSON) does not run inside Jest's module sandbox, the binary codec does.
 */
export function saveHistories(histories: RecordedHistory[], name: string): void {
  const History = temporal.api.history.v1.History;
  fs.mkdirSync(HISTORY_DIR, { recursive: true });
  for (const { workflowId, history } of histories) {
    const file = path.join(HISTORY_DIR, `${name}--${workflowId.replace(/[^a-zA-Z0-9-]+/g, '_')}.json`);
    const record = {
      workflowId,
      workflowType: history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name,
      events: history.events?.length ?? 0,
      historyProtobufBase64: Buffer.from(History.encode(History.create(history)).finish()).toString('base64'),
    };
    fs.writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  }
}

export function loadHistories(): RecordedHistory[] {
  const History = temporal.api.history.v1.History;
  return fs
    .readdirSync(HISTORY_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const record = JSON.parse(fs.readFileSync(path.join(HISTORY_DIR, file), 'utf8')) as {
        workflowId: string;
        historyProtobufBase64: string;
      };
      return {
        workflowId: record.workflowId,
        history: History.decode(Buffer.from(record.historyProtobufBase64, 'base64')),
      };
    });
}
