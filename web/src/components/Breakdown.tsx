// One unit's score breakdown (mail/scoreBreakdown.ts shape), every line with the article it applies.
import { Descriptions, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { formatArticle, formatPoints } from '../logic/format';
import type { Grade } from '../../../domain/scoring/scoringOutput';

interface Line {
  indicatorId: string;
  name: string;
  group: 'KEY_TASK' | 'INSTRUCTION' | 'MEETING';
  baseWeight: string | number;
  effectiveWeight: string | number;
  undertaken: boolean;
  checkpoints: {
    checkpointId: string;
    name?: string;
    share: string | number;
    fraction: string | number;
    points: string | number;
  }[];
  yearEnd: { share: string | number; fraction: string | number; points: string | number };
  completion: string | number;
  points: string | number;
  article?: string | number;
}

interface Part {
  score: string | number;
  weight: string | number;
  points: string | number;
}

export interface BreakdownData {
  indicators?: Line[];
  comprehensive?: { leader: Part; department: Part; thirdParty?: Part | null; article?: string | number };
  adjustments?: {
    kind: string;
    count: number;
    pointsEach: string | number;
    points: string | number;
    note?: string;
    article?: string | number;
  }[];
  downgrade?: {
    levels: number;
    reasons: { reason: string; levels: number; note?: string }[];
    article?: string | number;
  } | null;
  total?: string | number;
  scoreGrade?: Grade;
  finalGrade?: Grade;
  categoryRank?: number;
}

export function Breakdown({ data }: { data: BreakdownData | undefined }) {
  const { t, locale } = useI18n();
  if (!data) return <Typography.Text type="secondary">{t('app.none')}</Typography.Text>;
  const article = (value: string | number | undefined, fallback: string) => (
    <Tag>{formatArticle(value ?? fallback, locale)}</Tag>
  );
  const comprehensive = data.comprehensive;
  return (
    <div data-testid="breakdown">
      <Table
        size="small"
        rowKey="indicatorId"
        pagination={false}
        scroll={{ x: 700 }}
        dataSource={data.indicators ?? []}
        columns={[
          {
            title: t('results.indicator'),
            dataIndex: 'name',
            render: (value: string, row) =>
              row.undertaken ? value : <Typography.Text delete>{value}</Typography.Text>,
          },
          {
            title: t('targets.group'),
            dataIndex: 'group',
            render: (value: Line['group']) => t(`group.${value}`),
          },
          { title: t('targets.weight'), dataIndex: 'baseWeight', render: formatPoints },
          { title: t('results.effectiveWeight'), dataIndex: 'effectiveWeight', render: formatPoints },
          {
            title: t('results.completion'),
            dataIndex: 'completion',
            render: (value: string) => `${formatPoints(Number(value) * 100)}%`,
          },
          { title: t('results.points'), dataIndex: 'points', render: formatPoints },
          {
            title: t('results.article'),
            dataIndex: 'article',
            render: (value: string | number | undefined) => article(value, 'Art. 11, 12'),
          },
        ]}
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}>
        {comprehensive ? (
          <>
            <Descriptions.Item label={t('results.leader')}>
              {formatPoints(comprehensive.leader.score)} × {formatPoints(comprehensive.leader.weight)}% ={' '}
              {formatPoints(comprehensive.leader.points)} {article(comprehensive.article, 'Art. 11, 13')}
            </Descriptions.Item>
            <Descriptions.Item label={t('results.department')}>
              {formatPoints(comprehensive.department.score)} × {formatPoints(comprehensive.department.weight)}
              % = {formatPoints(comprehensive.department.points)}
            </Descriptions.Item>
            {comprehensive.thirdParty ? (
              <Descriptions.Item label={t('results.thirdParty')}>
                {formatPoints(comprehensive.thirdParty.score)} ×{' '}
                {formatPoints(comprehensive.thirdParty.weight)}% ={' '}
                {formatPoints(comprehensive.thirdParty.points)}
              </Descriptions.Item>
            ) : null}
          </>
        ) : null}
        {(data.adjustments ?? []).map((adjustment, index) => (
          <Descriptions.Item
            key={index}
            label={t(`adjustments.kind.${adjustment.kind}` as 'adjustments.kind.COMMENDATION_MAJOR')}
          >
            {adjustment.count} × {formatPoints(adjustment.pointsEach)} = {formatPoints(adjustment.points)}{' '}
            {adjustment.note}{' '}
            {article(adjustment.article, adjustment.kind.startsWith('COMMENDATION') ? 'Art. 14' : 'Art. 15')}
          </Descriptions.Item>
        ))}
        {data.downgrade ? (
          <Descriptions.Item label={t('results.downgrade')}>
            −{data.downgrade.levels} ·{' '}
            {data.downgrade.reasons
              .map((reason) => t(`downgrades.reason.${reason.reason}` as 'downgrades.reason.FALSIFICATION'))
              .join('、')}{' '}
            {article(data.downgrade.article, 'Art. 17')}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('results.total')}>
          <strong>{formatPoints(data.total)}</strong> {article(undefined, 'Art. 11')}
        </Descriptions.Item>
        <Descriptions.Item label={t('results.grade')}>
          {data.finalGrade ? t(`grade.${data.finalGrade}`) : '—'}{' '}
          {data.scoreGrade && data.scoreGrade !== data.finalGrade
            ? `(${t('results.scoreGrade')}: ${t(`grade.${data.scoreGrade}`)})`
            : ''}{' '}
          {article(undefined, 'Art. 16, 17')}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
