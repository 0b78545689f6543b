// Who reads and who withdraws evidence, and when withdrawal is too late (Art. 8, 14, 15, 21, 23).
import { deletionRefusal, mayDeleteEvidence, mayReadEvidence } from '../../api/evidence/evidenceAccess';
import { roundStatus } from '../../api/dashboard/dashboardSchema';
import type { Role } from '../../workflows/contract';

const file = { unitId: 'unit-a', uploadedById: 'user-a' };
const user = (role: Role, unitId: string | null = null, userId = 'someone') => ({ userId, role, unitId });

describe('evidence access rules', () => {
  test.each([
    ['the owning unit', user('UNIT', 'unit-a'), true],
    ['another unit', user('UNIT', 'unit-b'), false],
    ['a unit account without a unit', user('UNIT', null), false],
    ['the office', user('OFFICE'), true],
    ['the leader', user('LEADER'), true],
    ['a party-group member', user('PARTY_MEMBER'), true],
    ['a department', user('DEPARTMENT'), true],
    ['the third party', user('THIRD_PARTY'), false],
    ['the admin', user('ADMIN'), false],
  ])('%s may read: %s', (_who, reader, allowed) => {
    expect(mayReadEvidence(reader, file)).toBe(allowed);
  });

  test('the owning unit withdraws; the office only what it uploaded itself', () => {
    expect(mayDeleteEvidence(user('UNIT', 'unit-a'), file)).toBe(true);
    expect(mayDeleteEvidence(user('UNIT', 'unit-b'), file)).toBe(false);
    expect(mayDeleteEvidence(user('OFFICE'), file)).toBe(false);
    expect(mayDeleteEvidence(user('OFFICE', null, 'user-a'), file)).toBe(true);
    expect(mayDeleteEvidence(user('LEADER', null, 'user-a'), file)).toBe(false);
  });

  test('withdrawal is refused once what the file supports is closed or judged', () => {
    expect(deletionRefusal({ cycleStage: 'CHECKPOINTS' })).toBeNull();
    expect(
      deletionRefusal({ cycleStage: 'CHECKPOINTS', submission: { roundClosed: false, verified: false } }),
    ).toBeNull();
    expect(
      deletionRefusal({ cycleStage: 'CHECKPOINTS', submission: { roundClosed: true, verified: false } }),
    ).toMatch(/round .* closed/);
    expect(
      deletionRefusal({ cycleStage: 'CHECKPOINTS', submission: { roundClosed: false, verified: true } }),
    ).toMatch(/verified/);
    expect(deletionRefusal({ cycleStage: 'SELF_CHECK', selfCheck: true })).toBeNull();
    expect(deletionRefusal({ cycleStage: 'VERIFICATION', selfCheck: true })).toMatch(/self-check/);
    expect(deletionRefusal({ cycleStage: 'FOLLOW_UP', explanationStatus: 'RETURNED' })).toBeNull();
    expect(deletionRefusal({ cycleStage: 'FOLLOW_UP', explanationStatus: 'SUBMITTED' })).toMatch(/Art\. 21/);
    expect(deletionRefusal({ cycleStage: 'CHECKPOINTS', adjustment: true })).toMatch(/commendation/);
    expect(deletionRefusal({ cycleStage: 'CLOSED' })).toMatch(/closed/);
  });
});

describe('dashboard round status of a unit', () => {
  test('MISSING beats PENDING beats LATE beats ON_TIME; nothing undertaken is NOT_UNDERTAKEN', () => {
    expect(roundStatus(['ON_TIME', 'ON_TIME'])).toBe('ON_TIME');
    expect(roundStatus(['ON_TIME', 'LATE'])).toBe('LATE');
    expect(roundStatus(['LATE', 'PENDING'])).toBe('PENDING');
    expect(roundStatus(['ON_TIME', 'MISSING', 'PENDING'])).toBe('MISSING');
    expect(roundStatus(['NOT_UNDERTAKEN', 'ON_TIME'])).toBe('ON_TIME');
    expect(roundStatus(['NOT_UNDERTAKEN'])).toBe('NOT_UNDERTAKEN');
  });
});
