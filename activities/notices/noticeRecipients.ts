// Who receives a notice and in which language (SPEC §1, Art. 22; mail/noticeEvents.ts NOTICE_AUDIENCE).
// Units are addressed through their principal leader (主要负责人, Art. 8, 19, 21) and, for results and
// criticism, their same-level party committee (同级党委, Art. 18, 21), which has email only, no login.
// A unit contact that is missing is skipped: mail/recipientCheck.ts flags it to the office before
// publication. A user or an invalid address is still drafted, so the outbox stores it FAILED with the
// reason and the office sees it and can resend to a corrected address.
import { noticeProblem } from './noticeProblem';
import { cycleUnits } from '../../db/cycleStructure';
import type { Db } from '../../prisma/client';
import type { Role } from '../../prisma/client';
import type { NoticeLocale } from '../../mail/noticeEvents';

export interface NoticeRecipient {
  email: string;
  name: string;
  locale: NoticeLocale;
  /** Stable part of the idempotency key: the address (lower-case), or the user when there is none. */
  keyPart: string;
}

export function noticeLocale(value: string | null | undefined): NoticeLocale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  principalLeaderName: string | null;
  principalLeaderEmail: string | null;
  partyCommitteeName: string | null;
  partyCommitteeEmail: string | null;
}

/** The principal leader; their account's locale when the unit has a user with that address. */
export async function principalLeaderOf(db: Db, unit: UnitRow): Promise<NoticeRecipient | null> {
  const email = unit.principalLeaderEmail?.trim();
  if (!email) return null;
  const account = await db.user.findFirst({
    where: { unitId: unit.id, email: { equals: email, mode: 'insensitive' } },
    orderBy: { createdAt: 'asc' },
    select: { locale: true },
  });
  return {
    email,
    name: unit.principalLeaderName?.trim() || `${unit.name}主要负责人`,
    locale: noticeLocale(account?.locale),
    keyPart: email.toLowerCase(),
  };
}

/** The same-level party committee (Art. 18, 21): no account, so Chinese. */
export function partyCommitteeOf(unit: UnitRow): NoticeRecipient | null {
  const email = unit.partyCommitteeEmail?.trim();
  if (!email) return null;
  return {
    email,
    name: partyCommitteeName(unit),
    locale: 'zh-CN',
    keyPart: email.toLowerCase(),
  };
}

export function partyCommitteeName(unit: UnitRow): string {
  return unit.partyCommitteeName?.trim() || `${unit.name.replace(/总工会$/, '')}同级党委`;
}

export interface UserRecipient extends NoticeRecipient {
  userId: string;
  role: Role;
  departmentId: string | null;
}

/** Active users of the given roles, in a stable order. */
export async function usersWithRoles(db: Db, roles: Role[]): Promise<UserRecipient[]> {
  const users = await db.user.findMany({
    where: { active: true, role: { in: roles } },
    orderBy: [{ role: 'asc' }, { username: 'asc' }],
  });
  return users.map((user) => {
    const email = user.email?.trim() ?? '';
    return {
      userId: user.id,
      role: user.role,
      departmentId: user.departmentId,
      email,
      name: user.title?.trim() || user.displayName,
      locale: noticeLocale(user.locale),
      keyPart: email ? email.toLowerCase() : `user-${user.username}`,
    };
  });
}

/** The leadership group of Art. 22: the leader, the party-group members and the office. */
export function leadershipGroup(db: Db): Promise<UserRecipient[]> {
  return usersWithRoles(db, ['LEADER', 'PARTY_MEMBER', 'OFFICE']);
}

export async function unitOrThrow(db: Db, unitId: unknown) {
  if (typeof unitId !== 'string' || !unitId)
    throw noticeProblem('params.unitId: the notice needs the unit it concerns');
  return db.unit.findUniqueOrThrow({ where: { id: unitId }, include: { category: true } });
}

/**
 * The cycle's units in the federation's order (the structure it was published with, Art. 6), addressed
 * through the contacts the office keeps now: a corrected address reaches the running year's notices.
 */
export async function activeUnits(db: Db, cycleId: string) {
  const units = await cycleUnits(db, cycleId);
  const live = new Map(
    (await db.unit.findMany({ where: { id: { in: units.map((unit) => unit.id) } } })).map((unit) => [
      unit.id,
      unit,
    ]),
  );
  return units.map((unit) => {
    const current = live.get(unit.id);
    return {
      ...unit,
      principalLeaderName: current?.principalLeaderName ?? unit.principalLeaderName,
      principalLeaderEmail: current?.principalLeaderEmail ?? unit.principalLeaderEmail,
      partyCommitteeName: current?.partyCommitteeName ?? unit.partyCommitteeName,
      partyCommitteeEmail: current?.partyCommitteeEmail ?? unit.partyCommitteeEmail,
    };
  });
}
