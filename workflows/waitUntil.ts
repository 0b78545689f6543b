// A human step with a deadline that may move (office extensions): sleep on a Temporal timer until the
// deadline or until the predicate holds, re-arming whenever the deadline changes.
import { condition } from '@temporalio/workflow';

export async function waitUntil(deadline: () => number, done: () => boolean): Promise<'done' | 'deadline'> {
  for (;;) {
    if (done()) return 'done';
    const due = deadline();
    const remaining = due - Date.now();
    if (remaining <= 0) return 'deadline';
    await condition(() => done() || deadline() !== due, remaining);
  }
}
