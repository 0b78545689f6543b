// What every notice of a cycle carries: the federation, the cycle, its reference number (文号).
import type { Db } from '../../prisma/client';

export const FEDERATION_NAME = '大连市总工会';
export const FEDERATION_NAME_EN = 'Dalian Municipal Federation of Trade Unions';

export async function cycleHeader(db: Db, cycleId: string) {
  const cycle = await db.cycle.findUniqueOrThrow({ where: { id: cycleId } });
  return {
    cycle,
    header: {
      federationName: FEDERATION_NAME,
      year: cycle.year,
      docNumber: cycle.docNumber ?? `大工考〔${cycle.year}〕1号`,
    },
  };
}
