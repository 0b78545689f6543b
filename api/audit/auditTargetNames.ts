// The audit log by name (issue 13): each entry's target as a person reads it — the unit, indicator,
// checkpoint, cycle, user, file or approval round — instead of a uuid. Looked up per target type in
// one query each for the page being read; a target deleted since is left unnamed (the id still shows).
import type { Db } from '../../prisma/client';

type Row = { targetType: string; targetId: string | null };

const ids = (rows: Row[], type: string) => [
  ...new Set(rows.filter((row) => row.targetType === type && row.targetId).map((row) => row.targetId!)),
];

/** Target names keyed "Type:id". */
export async function auditTargetNames(db: Db, rows: Row[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const put = (type: string, id: string, name: string) => names.set(`${type}:${id}`, name);
  const byUnit = async (
    type: string,
    find: (where: { id: { in: string[] } }) => Promise<{ id: string; unit: { name: string } }[]>,
  ) => {
    const wanted = ids(rows, type);
    if (wanted.length) for (const row of await find({ id: { in: wanted } })) put(type, row.id, row.unit.name);
  };
  const unitSelect = { id: true, unit: { select: { name: true } } } as const;
  await Promise.all([
    (async () => {
      const wanted = ids(rows, 'Unit');
      if (wanted.length)
        for (const unit of await db.unit.findMany({
          where: { id: { in: wanted } },
          select: { id: true, name: true },
        }))
          put('Unit', unit.id, unit.name);
    })(),
    (async () => {
      const wanted = ids(rows, 'Indicator');
      if (wanted.length)
        for (const row of await db.indicator.findMany({
          where: { id: { in: wanted } },
          select: { id: true, code: true, name: true },
        }))
          put('Indicator', row.id, `${row.code} ${row.name}`);
    })(),
    (async () => {
      const wanted = ids(rows, 'Cycle');
      if (wanted.length)
        for (const row of await db.cycle.findMany({
          where: { id: { in: wanted } },
          select: { id: true, title: true },
        }))
          put('Cycle', row.id, row.title);
    })(),
    (async () => {
      const wanted = ids(rows, 'User');
      if (wanted.length)
        for (const row of await db.user.findMany({
          where: { id: { in: wanted } },
          select: { id: true, displayName: true },
        }))
          put('User', row.id, row.displayName);
    })(),
    (async () => {
      const wanted = ids(rows, 'CheckpointSubmission');
      if (wanted.length)
        for (const row of await db.checkpointSubmission.findMany({
          where: { id: { in: wanted } },
          select: { id: true, unit: { select: { name: true } }, checkpoint: { select: { name: true } } },
        }))
          put('CheckpointSubmission', row.id, `${row.unit.name} · ${row.checkpoint.name}`);
    })(),
    (async () => {
      const wanted = ids(rows, 'CheckpointVerification');
      if (wanted.length)
        for (const row of await db.checkpointVerification.findMany({
          where: { id: { in: wanted } },
          select: { id: true, unit: { select: { name: true } }, checkpoint: { select: { name: true } } },
        }))
          put('CheckpointVerification', row.id, `${row.unit.name} · ${row.checkpoint.name}`);
    })(),
    (async () => {
      const wanted = ids(rows, 'YearEndVerification');
      if (wanted.length)
        for (const row of await db.yearEndVerification.findMany({
          where: { id: { in: wanted } },
          select: {
            id: true,
            unit: { select: { name: true } },
            indicator: { select: { code: true, name: true } },
          },
        }))
          put(
            'YearEndVerification',
            row.id,
            `${row.unit.name} · ${row.indicator.code} ${row.indicator.name}`,
          );
    })(),
    (async () => {
      const wanted = ids(rows, 'EvidenceFile');
      if (wanted.length)
        for (const row of await db.evidenceFile.findMany({
          where: { id: { in: wanted } },
          select: { id: true, originalName: true },
        }))
          put('EvidenceFile', row.id, row.originalName);
    })(),
    (async () => {
      const wanted = ids(rows, 'ApprovalRound');
      if (wanted.length)
        for (const row of await db.approvalRound.findMany({
          where: { id: { in: wanted } },
          select: { id: true, number: true },
        }))
          put('ApprovalRound', row.id, `#${row.number}`);
    })(),
    (async () => {
      const wanted = ids(rows, 'Notification');
      if (wanted.length)
        for (const row of await db.notification.findMany({
          where: { id: { in: wanted } },
          select: { id: true, subject: true },
        }))
          put('Notification', row.id, row.subject);
    })(),
    (async () => {
      // A ranking by the category it orders (Art. 13); its evaluator is the row's actor.
      const wanted = ids(rows, 'Ranking');
      if (!wanted.length) return;
      const rankings = await db.ranking.findMany({
        where: { id: { in: wanted } },
        select: { id: true, categoryId: true },
      });
      const categories = new Map(
        (
          await db.category.findMany({
            where: { id: { in: rankings.map((row) => row.categoryId) } },
            select: { id: true, name: true },
          })
        ).map((row) => [row.id, row.name]),
      );
      for (const row of rankings) {
        const category = categories.get(row.categoryId);
        if (category) put('Ranking', row.id, category);
      }
    })(),
    byUnit('Explanation', (where) => db.explanation.findMany({ where, select: unitSelect })),
    byUnit('Feedback', (where) => db.feedback.findMany({ where, select: unitSelect })),
    byUnit('UnitResult', (where) => db.unitResult.findMany({ where, select: unitSelect })),
    byUnit('Adjustment', (where) => db.adjustment.findMany({ where, select: unitSelect })),
    byUnit('Downgrade', (where) => db.downgrade.findMany({ where, select: unitSelect })),
    byUnit('Incentive', (where) => db.incentive.findMany({ where, select: unitSelect })),
  ]);
  return names;
}
