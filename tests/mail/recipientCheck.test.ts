// Before publication the office sees which units could not receive their notices (Art. 8, 18, 19, 21).
import { validateRecipients, type UnitContacts } from '../../mail/recipientCheck';

const complete: UnitContacts = {
  id: 'u-zhongshan',
  code: 'zhongshan',
  name: '中山区总工会',
  principalLeaderName: '中山区总工会主要负责人',
  principalLeaderEmail: 'leader@zhongshan.union.example.org',
  partyCommitteeName: '中共中山区委员会',
  partyCommitteeEmail: 'committee@zhongshan.gov.example.org',
};

describe('recipient check before publication', () => {
  test('a unit with every contact in order is not listed', () => {
    expect(validateRecipients([complete])).toEqual([]);
  });

  test('a unit without a party-committee address is flagged, naming the notices that need it', () => {
    const problems = validateRecipients([
      complete,
      { ...complete, id: 'u-changhai', code: 'changhai', name: '长海县总工会', partyCommitteeEmail: null },
    ]);
    expect(problems).toEqual([
      {
        unitId: 'u-changhai',
        unitCode: 'changhai',
        unitName: '长海县总工会',
        problems: [expect.objectContaining({ field: 'partyCommitteeEmail', issue: 'MISSING', value: null })],
      },
    ]);
    expect(problems[0].problems[0].message).toBe('缺少同级党委邮箱（第十八条、第二十一条的通知需要）');
    expect(problems[0].problems[0].messageEn).toContain('Art. 18, 21');
  });

  test('blank, malformed and missing contacts are each reported; inactive units are not checked', () => {
    const problems = validateRecipients([
      {
        ...complete,
        id: 'a',
        name: '西岗区总工会',
        principalLeaderEmail: 'leader at xigang',
        partyCommitteeEmail: '   ',
      },
      { ...complete, id: 'b', name: '沙河口区总工会', partyCommitteeName: '' },
      { ...complete, id: 'c', name: '已撤销单位', active: false, principalLeaderEmail: null },
    ]);
    expect(
      problems.map((unit) => [
        unit.unitName,
        unit.problems.map((problem) => `${problem.field}:${problem.issue}`),
      ]),
    ).toEqual([
      ['西岗区总工会', ['principalLeaderEmail:INVALID', 'partyCommitteeEmail:MISSING']],
      ['沙河口区总工会', ['partyCommitteeName:MISSING']],
    ]);
    expect(problems[0].problems[0].message).toContain('“leader at xigang”格式不正确');
  });
});
