// Before publication the office sees every unit whose notices could not be delivered (SPEC §1: the
// principal leader receives targets, reminders and feedback, Art. 8, 19; the same-level party committee
// receives the result and any criticism, Art. 18, 21). Finding a missing party-committee address
// here, in January, beats discovering it when the results go out.
import { isValidEmail } from './emailAddress';

export interface UnitContacts {
  id: string;
  code?: string;
  name: string;
  active?: boolean;
  principalLeaderName?: string | null;
  principalLeaderEmail?: string | null;
  partyCommitteeName?: string | null;
  partyCommitteeEmail?: string | null;
}

export type ContactField = 'principalLeaderEmail' | 'partyCommitteeEmail' | 'partyCommitteeName';

export interface ContactProblem {
  field: ContactField;
  issue: 'MISSING' | 'INVALID';
  value: string | null;
  /** For the office, in Chinese, naming the articles whose notices need the contact. */
  message: string;
  messageEn: string;
}

export interface UnitRecipientProblems {
  unitId: string;
  unitCode?: string;
  unitName: string;
  problems: ContactProblem[];
}

const WHAT: Record<ContactField, { zh: string; en: string; articlesZh: string; articlesEn: string }> = {
  principalLeaderEmail: {
    zh: '主要负责人邮箱',
    en: 'principal leader’s email',
    articlesZh: '第八条、第十九条、第二十一条',
    articlesEn: 'Art. 8, 19, 21',
  },
  partyCommitteeEmail: {
    zh: '同级党委邮箱',
    en: 'party committee’s email',
    articlesZh: '第十八条、第二十一条',
    articlesEn: 'Art. 18, 21',
  },
  partyCommitteeName: {
    zh: '同级党委名称',
    en: 'party committee’s name',
    articlesZh: '第十八条、第二十一条',
    articlesEn: 'Art. 18, 21',
  },
};

function problem(field: ContactField, issue: ContactProblem['issue'], value: string | null): ContactProblem {
  const what = WHAT[field];
  return issue === 'MISSING'
    ? {
        field,
        issue,
        value,
        message: `缺少${what.zh}（${what.articlesZh}的通知需要）`,
        messageEn: `missing ${what.en} (needed for notices under ${what.articlesEn})`,
      }
    : {
        field,
        issue,
        value,
        message: `${what.zh}“${value}”格式不正确（${what.articlesZh}的通知需要）`,
        messageEn: `invalid ${what.en} "${value}" (needed for notices under ${what.articlesEn})`,
      };
}

function checkEmail(
  field: 'principalLeaderEmail' | 'partyCommitteeEmail',
  value: string | null | undefined,
): ContactProblem[] {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) return [problem(field, 'MISSING', null)];
  return isValidEmail(trimmed) ? [] : [problem(field, 'INVALID', trimmed)];
}

/** The contact problems of every active unit that has any, in the order given. */
export function validateRecipients(units: readonly UnitContacts[]): UnitRecipientProblems[] {
  return units
    .filter((unit) => unit.active !== false)
    .map((unit) => ({
      unitId: unit.id,
      unitCode: unit.code,
      unitName: unit.name,
      problems: [
        ...checkEmail('principalLeaderEmail', unit.principalLeaderEmail),
        ...checkEmail('partyCommitteeEmail', unit.partyCommitteeEmail),
        ...(unit.partyCommitteeName?.trim() ? [] : [problem('partyCommitteeName', 'MISSING', null)]),
      ],
    }))
    .filter((unit) => unit.problems.length > 0);
}
