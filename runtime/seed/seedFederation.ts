// Demo data: the federation's real structure (runtime/seed/federation.json, from the customer):
// Dalian's districts, counties and open pilot zones in categories, the departments of Art. 22, the
// leadership group and office, and one account per role. Idempotent: existing rows are kept.
import type { Db } from '../../prisma/client';
import { hashPassword } from '../../api/auth/passwords';
import federation from './federation.json';

/** Demo names for the leadership group, in the order of federation.json's leadershipGroup. */
const DEMO_LEADERSHIP_NAMES = ['王建华', '李国强', '张志远', '刘海燕', '陈立新'];

export const DEMO_PASSWORD = 'kaohe-demo-2026';

const EN_NAMES: Record<string, string> = {
  zhongshan: 'Zhongshan District',
  xigang: 'Xigang District',
  shahekou: 'Shahekou District',
  ganjingzi: 'Ganjingzi District',
  lvshunkou: 'Lushunkou District',
  pulandian: 'Pulandian District',
  wafangdian: 'Wafangdian City',
  zhuanghe: 'Zhuanghe City',
  changhai: 'Changhai County',
  jinpu: 'Jinpu New Area',
  baoshuiqu: 'Dalian Free Trade Zone',
  gaoxinqu: 'Dalian Hi-tech Zone',
  changxingdao: 'Changxing Island Economic Zone',
  huayuankou: 'Huayuankou Economic Zone',
};

export interface SeedSummary {
  categories: number;
  units: number;
  departments: number;
  users: { username: string; role: string; title: string }[];
}

export async function seedFederation(db: Db, options: { password?: string } = {}): Promise<SeedSummary> {
  const password = options.password ?? DEMO_PASSWORD;
  const passwordHash = await hashPassword(password);
  const categoryIds = new Map<string, string>();
  for (const [index, category] of federation.categories.entries()) {
    const row = await db.category.upsert({
      where: { code: category.code },
      create: { code: category.code, name: category.name, nameEn: category.nameEn, sortOrder: index },
      update: {},
    });
    categoryIds.set(category.code, row.id);
  }
  const unitIds = new Map<string, string>();
  for (const [index, unit] of federation.units.entries()) {
    const row = await db.unit.upsert({
      where: { code: unit.code },
      create: {
        code: unit.code,
        name: unit.name,
        nameEn: `${EN_NAMES[unit.code] ?? unit.code} Federation of Trade Unions`,
        categoryId: categoryIds.get(unit.category)!,
        principalLeaderName: `${unit.name.replace('总工会', '')}总工会主要负责人`,
        principalLeaderEmail: `leader@${unit.code}.union.example.org`,
        partyCommitteeName: `中共${unit.name.replace(/(总工会)$/, '')}委员会`,
        partyCommitteeEmail: `committee@${unit.code}.gov.example.org`,
        sortOrder: index,
      },
      update: {},
    });
    unitIds.set(unit.code, row.id);
  }
  const departmentIds = new Map<string, string>();
  for (const [index, department] of federation.departments.entries()) {
    const row = await db.department.upsert({
      where: { code: department.code },
      // 组织建设部's head is a deputy director of the office (Art. 22): it owns indicators but does not rank.
      create: {
        code: department.code,
        name: department.name,
        ranks: department.code !== 'organization',
        sortOrder: index,
      },
      update: {},
    });
    departmentIds.set(department.code, row.id);
  }

  const users: {
    username: string;
    displayName: string;
    role: string;
    title: string;
    unitId?: string;
    departmentId?: string;
    email: string;
  }[] = [
    {
      username: 'admin',
      displayName: '系统管理员',
      role: 'ADMIN',
      title: '系统管理员',
      email: 'admin@kaohe.example.org',
    },
    ...federation.office.map((member, index) => ({
      username: `office${index + 1}`,
      displayName: member.title.replace(/（.*）/, ''),
      role: 'OFFICE',
      title: member.title,
      email: `office${index + 1}@kaohe.example.org`,
    })),
    ...federation.leadershipGroup.map((member, index) => ({
      username: member.role === 'LEADER' ? 'leader' : `member${index}`,
      // A person's name, the title apart: two members share the title 党组成员、副主席 (issue 13: voters
      // by name). The customer's file has titles only, so the demo names its people.
      displayName: DEMO_LEADERSHIP_NAMES[index] ?? member.title.replace(/（.*）/, ''),
      role: member.role,
      title: member.title,
      email: member.role === 'LEADER' ? 'leader@kaohe.example.org' : `member${index}@kaohe.example.org`,
    })),
    ...federation.departments.map((department) => ({
      username: `dept-${department.code}`,
      displayName: `${department.name}负责人`,
      role: 'DEPARTMENT',
      title: `${department.name}部长（主任）`,
      departmentId: departmentIds.get(department.code),
      email: `${department.code}@kaohe.example.org`,
    })),
    ...federation.units.map((unit) => ({
      username: `unit-${unit.code}`,
      displayName: `${unit.name}主要负责人`,
      role: 'UNIT',
      title: '主要负责人',
      unitId: unitIds.get(unit.code),
      email: `leader@${unit.code}.union.example.org`,
    })),
    {
      username: 'thirdparty',
      displayName: '第三方评估机构',
      role: 'THIRD_PARTY',
      title: '第三方专业机构 (Art. 9)',
      email: 'evaluator@thirdparty.example.org',
    },
  ];
  for (const user of users) {
    await db.user.upsert({
      where: { username: user.username },
      create: { ...user, role: user.role as never, passwordHash },
      update: {},
    });
  }
  return {
    categories: federation.categories.length,
    units: federation.units.length,
    departments: federation.departments.length,
    users: users.map((user) => ({ username: user.username, role: user.role, title: user.title })),
  };
}
