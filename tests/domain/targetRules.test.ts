// Publication rules on the targets (Art. 8, 11, 12): the checkpoint date rule says what it means.
import { targetProblems } from '../../domain/cycle/targetRules';

describe('targetProblems', () => {
  const indicator = (dueAt: string) => ({
    code: 'K1',
    group: 'KEY_TASK' as const,
    weight: 100,
    checkpoints: [{ code: 'K1-R1', share: 0.5, dueAt }],
    notUndertakenBy: [],
  });
  const problems = (dueAt: string) =>
    targetProblems({
      indicators: [indicator(dueAt)],
      unitCodes: ['zhongshan'],
      groupWeights: {},
      selfCheckOpensAt: '2031-12-10T00:00:00.000Z',
    });

  test('a checkpoint due after the self-check opens is refused with a message that says "after" (Art. 8)', () => {
    const [problem] = problems('2031-12-20T00:00:00.000Z');
    expect(problem.field).toBe('checkpoints[K1-R1].dueAt');
    expect(problem.message).toMatch(/on or after the day the year-end self-check opens/);
    expect(problem.message).not.toMatch(/falls due before/);
  });
  test('a checkpoint due before the self-check opens is fine', () => {
    expect(problems('2031-11-30T00:00:00.000Z')).toEqual([]);
  });
});
