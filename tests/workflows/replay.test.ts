// Replay (issue: annual cycle, test 4; README: deploying new code to a running cycle): histories
// recorded from completed test cycles (tests/workflows/histories, written by the full-year test with
// KAOHE_RECORD_HISTORIES=1) replay cleanly against the current workflow code. A change that would make
// a running cycle take a different path fails here until it is put behind patched('<change-id>').
// The full-year and durability tests also replay the fresh histories they just produced.
import { loadHistories, replayFailures } from '../support/cycleHistories';

const recordedHistories = loadHistories;

describe('recorded cycle histories', () => {
  test('replay against the current workflow code without nondeterminism', async () => {
    const histories = recordedHistories();
    // A whole year: the annual cycle, its checkpoint rounds, approval rounds, explanation and feedback.
    const types = new Set(
      histories.map(
        ({ history }) => history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name,
      ),
    );
    expect([...types].sort()).toEqual([
      'annualCycleWorkflow',
      'approvalRoundWorkflow',
      'checkpointRoundWorkflow',
      'explanationWorkflow',
      'feedbackWorkflow',
    ]);
    const closed = histories.filter(
      ({ history }) => history.events?.at(-1)?.workflowExecutionCompletedEventAttributes,
    );
    expect(closed).toHaveLength(histories.length);
    expect(await replayFailures(histories)).toEqual([]);
  });

  test('a history whose recorded commands differ from the code is reported, not silently accepted', async () => {
    const [annual] = recordedHistories().filter(
      ({ history }) =>
        history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ===
        'annualCycleWorkflow',
    );
    // Drop the first activity the workflow scheduled: the code schedules it, the history does not.
    const events = annual.history.events!;
    const index = events.findIndex((event) => event.activityTaskScheduledEventAttributes);
    const tampered = {
      ...annual,
      history: { events: events.filter((_, position) => position < index || position > index + 2) },
    };
    const failures = await replayFailures([tampered]);
    expect(failures).toHaveLength(1);
  });
});
