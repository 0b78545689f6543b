// What every notice of a cycle carries: the federation, the cycle, its reference number (文号), the date.
import type { Db } from '../../prisma/client';

export const FEDERATION_NAME = '大连市总工会';
export const FEDERATION_NAME_EN = 'Dalian Municipal Federation of Trade Unions';

/** Pages of the web app (web/src/logic/roleMenu.ts PAGE_PATHS) the notices link to. */
export const PORTAL_PATHS = {
  unitTargets: '/my/targets',
  unitSelfCheck: '/my/self-check',
  unitResults: '/my/results',
  unitFollowUp: '/my/follow-up',
  ranking: '/ranking',
  approval: '/approval',
  notifications: '/notifications',
  followUp: '/follow-up',
} as const;

export function portalUrl(publicUrl: string, page: keyof typeof PORTAL_PATHS): string {
  return `${publicUrl.replace(/\/+$/, '')}${PORTAL_PATHS[page]}`;
}

/** issuedAt is the moment the workflow raised the event, so a retry renders the same notice. */
export async function cycleHeader(db: Db, cycleId: string, at: string) {
  const cycle = await db.cycle.findUniqueOrThrow({ where: { id: cycleId } });
  return {
    cycle,
    header: {
      federationName: FEDERATION_NAME,
      federationNameEn: FEDERATION_NAME_EN,
      year: cycle.year,
      docNumber: cycle.docNumber ?? `大工考〔${cycle.year}〕1号`,
      issuedAt: at,
    },
  };
}
