// What each role (SPEC §1, Art. 22) finds in the menu. The API authorizes every call again; the menu
// only keeps people from pages that would refuse them.

export type Role = 'ADMIN' | 'OFFICE' | 'LEADER' | 'PARTY_MEMBER' | 'DEPARTMENT' | 'UNIT' | 'THIRD_PARTY';

export type PageKey =
  | 'dashboard'
  | 'targets'
  | 'verification'
  | 'adjustments'
  | 'scoring'
  | 'approval'
  | 'notifications'
  | 'followUp'
  | 'audit'
  | 'ranking'
  | 'results'
  | 'myTargets'
  | 'selfCheck'
  | 'myResults'
  | 'myFollowUp'
  | 'thirdParty'
  // To-do (待办, issue 14).
  | 'todo'
  // Structure administration (issue 14)
  | 'structure';

export const PAGE_PATHS: Record<PageKey, string> = {
  dashboard: '/dashboard',
  targets: '/targets',
  verification: '/verification',
  adjustments: '/adjustments',
  scoring: '/scoring',
  approval: '/approval',
  notifications: '/notifications',
  followUp: '/follow-up',
  audit: '/audit',
  ranking: '/ranking',
  results: '/results',
  myTargets: '/my/targets',
  selfCheck: '/my/self-check',
  myResults: '/my/results',
  myFollowUp: '/my/follow-up',
  thirdParty: '/third-party',
  // To-do (待办, issue 14).
  todo: '/todo',
  // Structure administration (issue 14)
  structure: '/structure',
};

const MENUS: Record<Role, PageKey[]> = {
  OFFICE: [
    'dashboard',
    'targets',
    'verification',
    'adjustments',
    'thirdParty',
    'scoring',
    'approval',
    'results',
    'notifications',
    'followUp',
    'audit',
    // Structure administration (issue 14)
    'structure',
  ],
  // The administrator's home is the structure page (issue 14); the cycle dashboard is the office's.
  ADMIN: ['structure', 'audit'],
  LEADER: ['dashboard', 'ranking', 'approval', 'results', 'followUp'],
  PARTY_MEMBER: ['ranking', 'approval', 'results'],
  DEPARTMENT: ['ranking', 'verification', 'results'],
  UNIT: ['myTargets', 'selfCheck', 'myResults', 'myFollowUp'],
  // Results are not the third party's to read (api/cycles/shared.ts READERS); it enters scores.
  THIRD_PARTY: ['thirdParty'],
};

// To-do (待办, issue 14): every role's first entry and the page after sign-in.
export function menuFor(role: Role): PageKey[] {
  return ['todo', ...(MENUS[role] ?? [])];
}

export function homePath(_role: Role): string {
  return PAGE_PATHS.todo;
}

// The stages of SPEC §2 are the domain's (Art. 5, 8-21), so the timeline can never list others.
export { CYCLE_STAGES, type CycleStage } from '../../../domain/cycle/stages';
