// The federation's indicator templates (federation.json) as a cycle's targets, dated from a start
// moment: two checkpoint rounds, then self-check, verification and evaluation (Art. 8, 9, 12).
import federation from './federation.json';
import { DAY_MS as DAY } from '../../domain/cycle/deadlines';

export interface DemoTargets {
  cycle: {
    year: number;
    docNumber: string;
    useThirdParty: boolean;
    schedule: {
      selfCheckOpensAt: string;
      selfCheckDueAt: string;
      verificationDueAt: string;
      evaluationDueAt: string;
    };
  };
  indicators: {
    code: string;
    name: string;
    group: 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
    weight: number;
    standard: string;
    departmentCode?: string;
    checkpoints: { code: string; name: string; dueAt: string; share: number; standard: string }[];
    notUndertakenBy: string[];
  }[];
  roundDueDates: string[];
}

export function demoTargets(year: number, start: Date): DemoTargets {
  const at = (days: number) => new Date(start.getTime() + days * DAY).toISOString();
  const roundDueDates = [at(30), at(60)];
  let keyTask = 0;
  const indicators = federation.indicatorTemplates.map((template) => {
    const group = template.group as 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
    const code = group === 'KEY_TASK' ? `K${++keyTask}` : group === 'INSTRUCTION' ? 'I1' : 'M1';
    // The first two key tasks are followed through the year with checkpoints (Art. 8 节点).
    const checkpoints =
      group === 'KEY_TASK' && keyTask <= 2
        ? [
            {
              code: `${code}-R1`,
              name: `${template.name}（上半年节点）`,
              dueAt: roundDueDates[0],
              share: 0.2,
              standard: '按进度完成上半年任务并上传证明材料',
            },
            {
              code: `${code}-R2`,
              name: `${template.name}（三季度节点）`,
              dueAt: roundDueDates[1],
              share: 0.2,
              standard: '按进度完成三季度任务并上传证明材料',
            },
          ]
        : [];
    return {
      code,
      name: template.name,
      group,
      weight: template.weight,
      standard: `${template.name}：完成年度目标任务，资料齐全，成效明显。`,
      departmentCode: template.department === 'office' ? undefined : template.department,
      checkpoints,
      // Art. 12: some urban units do not undertake the migrant-worker indicator.
      notUndertakenBy: template.note ? ['zhongshan', 'xigang'] : [],
    };
  });
  return {
    cycle: {
      year,
      docNumber: `大工考〔${year}〕1号`,
      useThirdParty: false,
      schedule: {
        selfCheckOpensAt: at(90),
        selfCheckDueAt: at(100),
        verificationDueAt: at(110),
        evaluationDueAt: at(120),
      },
    },
    indicators,
    roundDueDates,
  };
}
