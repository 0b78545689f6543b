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
      {rows.length > 0 ? (
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
          title={locale === 'en' && list[0]?.categoryNameEn ? list[0].categoryNameEn : category}
        >
          <Table
            size="small"
            rowKey="unitId"
            pagination={false}
            scroll={{ x: 760 }}
            dataSource={list}
            rowClassName={(row) => (row.unitId === user?.unitId ? 'own-unit' : '')}
            columns={[
              { title: t('results.rank'), dataIndex: 'categoryRank', width: 70 },
              { title: t('results.unit'), render: (_, row) => label(row) },
              { title: t('results.indicatorPoints'), dataIndex: 'indicatorPoints', render: formatPoints },
              { title: t('results.comprehensive'), dataIndex: 'comprehensivePoints', render: formatPoints },
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
                render: (value: ResultRow['finalGrade']) => (
                  <Tag color={GRADE_COLOR[value]}>{t(`grade.${value}`)}</Tag>
                ),
              },
              {
                title: t('results.breakdown'),
                render: (_, row) => (
                  <Button size="small" onClick={() => setOpen(row)}>
                    {t('app.view')}
                  </Button>
                ),
              },
            ]}
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
