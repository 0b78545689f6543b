// What the structure-administration API (api/structure/) answers, as the pages use it.
export interface CategoryRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  sortOrder: number;
  unitCount?: number;
}
export interface UnitRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  categoryId: string;
  category: { id: string; code: string; name: string; nameEn: string | null };
  principalLeaderName: string | null;
  principalLeaderEmail: string | null;
  partyCommitteeName: string | null;
  partyCommitteeEmail: string | null;
  active: boolean;
  sortOrder: number;
  openCycles: { year: number; title: string }[];
}
export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  ranks: boolean;
  sortOrder: number;
  heads?: { id: string; displayName: string; active: boolean }[];
}
export interface MemberRow {
  id: string;
  username: string;
  displayName: string;
  title: string | null;
  leader: boolean;
  active: boolean;
}
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  title: string | null;
  role: string;
  unitId: string | null;
  unitName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  locale: string;
  active: boolean;
  updatedAt: string;
}
