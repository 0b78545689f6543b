// Results (Art. 10–18): category ranking tables, score distribution and grade charts, a per-unit
// breakdown citing articles, and the exports (Excel, the result notice 通报 as Word).
import { Alert, Button, Card, Col, Drawer, Row, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { useApi } from '../api/useApi';
import { Breakdown, type BreakdownData } from '../components/Breakdown';
import { EChart } from '../components/EChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { formatPoints } from '../logic/format';
import { toResultRows, type ResultRow } from '../logic/resultRows';
import { byCategory, GRADES, gradeCounts, scoreHistogram } from '../logic/resultStats';
import { useSession } from '../session/SessionProvider';
import { Descriptions, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate } from '../logic/format';
import { breakdownParts, categorySize } from '../logic/ownResult';
import { PAGE_PATHS } from '../logic/roleMenu';

/**
 * A unit's own result (issue 13): score, grade, rank in its category, the evaluation opinion (Art. 10)
 * and the breakdown with its checkpoint and year-end parts; a failing unit is told what it must do next
 * (Art. 21: the written explanation, by its deadline) with a link to it.
 */
function OwnResultCard({ year, unitId, rows }: { year: number; unitId: string; rows: ResultRow[] }) {
  const { t, locale } = useI18n();
  const detail = useApi<{ result?: { breakdown?: unknown; opinion?: string } }>(
    `/cycles/${year}/results/${unitId}`,
  );
  const explanations = useApi<{ explanations: { unitId: string; dueAt: string; status: string }[] }>(
    `/cycles/${year}/explanations`,
  );
  const own = rows.find((row) => row.unitId === unitId);
  if (!own) return <Alert type="info" title={t('ownResult.noResult')} />;
  const breakdown = detail.data?.result?.breakdown as BreakdownData | undefined;
  const parts = breakdownParts(breakdown);
  const explanation = explanations.data?.explanations.find((row) => row.unitId === unitId);
  const opinion = detail.data?.result?.opinion ?? own.opinion;
  return (
    <Card title={t('ownResult.title')} data-testid="own-result">
      <ErrorNotice error={detail.error} />
      {own.finalGrade === 'FAIL' && explanation?.status !== 'ACCEPTED' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="failing-action"
          title={t('ownResult.failingAction', {
            due: explanation ? formatDate(explanation.dueAt, locale, true) : '—',
          })}
          action={<Link to={PAGE_PATHS.myFollowUp}>{t('ownResult.failingLink')}</Link>}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('results.total')} value={formatPoints(own.total)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('results.grade')}
            valueRender={() => <Tag color={GRADE_COLOR[own.finalGrade]}>{t(`grade.${own.finalGrade}`)}</Tag>}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('results.rank')}
            value={`${t('ownResult.rank', { rank: own.categoryRank })} / ${categorySize(rows, own.categoryId)}`}
          />
        </Col>
        <Col xs={12} md={6}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('ownResult.checkpointPart')}>
              {formatPoints(parts.checkpoints)}
            </Descriptions.Item>
            <Descriptions.Item label={t('ownResult.yearEndPart')}>
              {formatPoints(parts.yearEnd)}
            </Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('ownResult.opinion')}
      </Typography.Title>
      <Typography.Paragraph data-testid="own-opinion">{opinion || '—'}</Typography.Paragraph>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('results.breakdown')}
      </Typography.Title>
      <Breakdown data={breakdown} />
    </Card>
  );
}

const GRADE_COLOR = { GOOD: 'green', FAIRLY_GOOD: 'blue', PASS: 'default', FAIL: 'red' } as const;

function UnitBreakdown({ year, row }: { year: number; row: ResultRow }) {
  const detail = useApi<{ result?: { breakdown?: unknown } }>(
    row.breakdown ? null : `/cycles/${year}/results/${row.unitId}`,
  );
  const data = (row.breakdown ?? detail.data?.result?.breakdown) as BreakdownData | undefined;
  return (
    <>
      <ErrorNotice error={detail.error} />
      <Breakdown data={data} />
      {row.opinion ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>{row.opinion}</Typography.Paragraph>
      ) : null}
    </>
  );
}

export function ResultsPage() {
  const { t, locale } = useI18n();
  const { user, year } = useSession();
  const results = useApi<unknown>(year ? `/cycles/${year}/results` : null);
  const rows = useMemo(() => toResultRows(results.data), [results.data]);
  const [open, setOpen] = useState<ResultRow | null>(null);
  const canExport = user && ['OFFICE', 'LEADER', 'PARTY_MEMBER'].includes(user.role);
  // A unit sees its own card and the others only as the notice's category tables (Art. 18).
  const ownUnit = user?.role === 'UNIT' ? (user.unitId ?? null) : null;
  const histogram = useMemo(() => scoreHistogram(rows.map((row) => Number(formatPoints(row.total)))), [rows]);
  const grades = useMemo(() => gradeCounts(rows), [rows]);
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  const label = (row: ResultRow) => (locale === 'en' && row.unitNameEn ? row.unitNameEn : row.unitName);
  const groups = byCategory(rows);
  const forbidden = results.error instanceof ApiError && results.error.status === 403;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
          {t('menu.results')} · {year}
        </Typography.Title>
        {canExport ? (
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={`/api/cycles/${year}/export/results.xlsx`} download>
              {t('results.exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} href={`/api/cycles/${year}/export/notice.docx`} download>
              {t('results.exportDocx')}
            </Button>
          </Space>
        ) : null}
      </Space>
      {forbidden ? (
        <Alert type="info" title={t('results.notPublished')} />
      ) : (
        <ErrorNotice error={results.error} />
      )}
      {ownUnit && rows.length > 0 ? <OwnResultCard year={year} unitId={ownUnit} rows={rows} /> : null}
      {rows.length > 0 && !ownUnit ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card title={t('results.distribution')}>
              <EChart
                label={t('results.distribution')}
                option={{
                  tooltip: {},
                  grid: { left: 40, right: 16, top: 16, bottom: 32 },
                  xAxis: { type: 'category', data: histogram.map((bin) => bin.label) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { type: 'bar', data: histogram.map((bin) => bin.count), itemStyle: { color: '#b71c1c' } },
                  ],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={t('results.grades')}>
              <EChart
                label={t('results.grades')}
                option={{
                  tooltip: { trigger: 'item' },
                  legend: { bottom: 0 },
                  series: [
                    {
                      type: 'pie',
                      radius: ['40%', '70%'],
                      data: GRADES.map((grade) => ({ name: t(`grade.${grade}`), value: grades[grade] })),
                      color: ['#52c41a', '#1677ff', '#bfbfbf', '#f5222d'],
                    },
                  ],
                }}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      {[...groups.entries()].map(([category, list]) => (
        <Card
          key={category}
          title={
            ownUnit
              ? t('ownResult.categoryTable', {
                  category: locale === 'en' && list[0]?.categoryNameEn ? list[0].categoryNameEn : category,
                })
              : locale === 'en' && list[0]?.categoryNameEn
                ? list[0].categoryNameEn
                : category
          }
        >
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            scroll={ownUnit ? undefined : { x: 760 }}
            dataSource={list}
            rowClassName={(row) => (row.unitId === user?.unitId ? 'own-unit' : '')}
            columns={
              ownUnit
                ? [
                    { title: t('results.rank'), dataIndex: 'categoryRank', width: 70 },
                    {
                      title: t('results.unit'),
                      render: (_, row) => (
                        <Space>
                          {label(row)}
                          {row.unitId === ownUnit ? <Tag color="gold">{t('ownResult.yours')}</Tag> : null}
                        </Space>
                      ),
                    },
                    {
                      title: t('results.total'),
                      dataIndex: 'total',
                      render: (value: number) => <strong>{formatPoints(value)}</strong>,
                    },
                    {
                      title: t('results.grade'),
                      dataIndex: 'finalGrade',
                      render: (value: ResultRow['finalGrade']) => (
                        <Tag color={GRADE_COLOR[value]}>{t(`grade.${value}`)}</Tag>
                      ),
                    },
                  ]
                : [
                    { title: t('results.rank'), dataIndex: 'categoryRank', width: 70 },
                    { title: t('results.unit'), render: (_, row) => label(row) },
                    {
                      title: t('results.indicatorPoints'),
                      dataIndex: 'indicatorPoints',
                      render: formatPoints,
                    },
                    {
                      title: t('results.comprehensive'),
                      dataIndex: 'comprehensivePoints',
                      render: formatPoints,
                    },
                    { title: t('results.bonus'), dataIndex: 'bonus', render: formatPoints },
                    { title: t('results.deduction'), dataIndex: 'deduction', render: formatPoints },
                    {
                      title: t('results.total'),
                      dataIndex: 'total',
                      render: (value: number) => <strong>{formatPoints(value)}</strong>,
                    },
                    {
                      title: t('results.grade'),
                      dataIndex: 'finalGrade',
                      // Grade and 查看 stay in view on a tablet (issue 13).
                      fixed: 'right',
                      width: 90,
                      render: (value: ResultRow['finalGrade']) => (
                        <Tag color={GRADE_COLOR[value]}>{t(`grade.${value}`)}</Tag>
                      ),
                    },
                    {
                      title: t('results.breakdown'),
                      fixed: 'right',
                      width: 100,
                      render: (_, row) => (
                        <Button size="small" onClick={() => setOpen(row)}>
                          {t('app.view')}
                        </Button>
                      ),
                    },
                  ]
            }
          />
        </Card>
      ))}
      {!results.error && rows.length === 0 && !results.loading ? (
        <Alert type="info" title={t('app.none')} />
      ) : null}
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        size="large"
        title={open ? `${label(open)} · ${t('results.breakdown')}` : ''}
      >
        {open ? <UnitBreakdown year={year} row={open} /> : null}
      </Drawer>
    </Space>
  );
}
