// Comprehensive evaluation (Art. 13): a party-group member or department orders every unit of each
// category. Drag and drop, or the up/down buttons (keyboard); each category is submitted on its own.
import { App, Alert, Button, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/useApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { isCompleteRanking, moveDown, moveItem, moveUp, rankScore } from '../logic/rankingOrder';
import { monthDay, rankingWindow } from '../logic/stageRules';
import { useSession } from '../session/SessionProvider';
import { useCycle, useUnits, type UnitRow } from '../session/useCycle';

interface Category {
  id: string;
  code: string;
  name: string;
  nameEn?: string | null;
}

interface StoredRanking {
  kind?: string;
  categoryId: string;
  unitOrder?: string[];
  order?: string[];
}

function CategoryRanking({
  year,
  category,
  units,
  kind,
  stored,
  onSaved,
  closedReason,
}: {
  year: number;
  category: Category;
  units: UnitRow[];
  kind: 'LEADER' | 'DEPARTMENT';
  stored?: string[];
  onSaved(): void;
  /** Why ranking is not possible now (stage), or undefined when it is. */
  closedReason?: string;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [order, setOrder] = useState<string[]>(() =>
    stored &&
    isCompleteRanking(
      stored,
      units.map((unit) => unit.id),
    )
      ? stored
      : units.map((unit) => unit.id),
  );
  const [dragging, setDragging] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const name = (id: string) => (locale === 'en' ? byId.get(id)?.nameEn : null) ?? byId.get(id)?.name ?? id;
  const categoryName = locale === 'en' ? (category.nameEn ?? category.name) : category.name;
  useEffect(() => {
    if (
      stored &&
      isCompleteRanking(
        stored,
        units.map((unit) => unit.id),
      )
    )
      setOrder(stored);
  }, [stored, units]);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/cycles/${year}/rankings`, { kind, categoryId: category.id, unitOrder: order });
      message.success(t('ranking.submitted', { category: categoryName }));
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title={categoryName}
      extra={stored ? <Tag color="green">{t('app.submitted')}</Tag> : null}
      data-testid={`ranking-${category.code}`}
    >
      <List
        size="small"
        bordered
        dataSource={order}
        renderItem={(id, index) => (
          <List.Item
            draggable
            data-unit-id={id}
            onDragStart={(event) => {
              setDragging(index);
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', String(index));
            }}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => {
              event.preventDefault();
              const from = dragging ?? Number(event.dataTransfer.getData('text/plain'));
              setOrder((current) => moveItem(current, from, index));
              setDragging(null);
            }}
            style={{ cursor: 'grab', background: dragging === index ? '#fff1f0' : undefined }}
            actions={[
              <Button
                key="up"
                size="small"
                icon={<ArrowUpOutlined />}
                aria-label={t('ranking.moveUp', { name: name(id) })}
                disabled={index === 0}
                onClick={() => setOrder((current) => moveUp(current, index))}
              />,
              <Button
                key="down"
                size="small"
                icon={<ArrowDownOutlined />}
                aria-label={t('ranking.moveDown', { name: name(id) })}
                disabled={index === order.length - 1}
                onClick={() => setOrder((current) => moveDown(current, index))}
              />,
            ]}
          >
            {/* Long English names wrap between words, so the up/down buttons stay inside the card. */}
            <Space wrap size={[8, 0]} style={{ minWidth: 0 }}>
              <HolderOutlined aria-hidden />
              <Tag color="red">{index + 1}</Tag>
              <span className="unit-name">{name(id)}</span>
              <Typography.Text type="secondary">
                {t('ranking.score')} {rankScore(index + 1, order.length)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <div style={{ marginTop: 12 }}>
        <ErrorNotice error={error} />
        <Button
          type="primary"
          loading={busy}
          disabled={Boolean(closedReason)}
          title={closedReason}
          onClick={() => void submit()}
          style={{ marginTop: 8 }}
        >
          {t('ranking.submit')}
        </Button>
      </div>
    </Card>
  );
}

export function RankingPage() {
  const { t, locale } = useI18n();
  const { user, year } = useSession();
  const { cycle } = useCycle();
  const { units, error: unitsError } = useUnits();
  // The categories and units the cycle was published with (issue 14, Art. 6 per year).
  const categories = useApi<{ categories: Category[] }>(year ? `/categories?year=${year}` : '/categories');
  const rankings = useApi<{ rankings: StoredRanking[] }>(year ? `/cycles/${year}/rankings` : null);
  const kind = user?.role === 'DEPARTMENT' ? 'DEPARTMENT' : 'LEADER';
  const storedByCategory = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const ranking of rankings.data?.rankings ?? []) {
      if (ranking.kind && ranking.kind !== kind) continue;
      map.set(ranking.categoryId, ranking.unitOrder ?? ranking.order ?? []);
    }
    return map;
  }, [rankings.data, kind]);
  if (!year) return <Alert type="info" title={t('app.noCycle')} />;
  // Art. 9, 13: rankings are given in the comprehensive evaluation stage only.
  const stageWindow = cycle ? rankingWindow(cycle) : { open: true };
  const closedReason = stageWindow.open
    ? undefined
    : stageWindow.reason === 'CLOSED'
      ? t('stageRule.closed', { action: t('stage.EVALUATION') })
      : stageWindow.opensAt
        ? t('stageRule.notYet', {
            action: t('stage.EVALUATION'),
            date: monthDay(stageWindow.opensAt, locale),
          })
        : t('stageRule.notYetNoDate', { action: t('stage.EVALUATION') });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }}>
        {t('ranking.title')}
      </Typography.Title>
      {closedReason ? (
        <Alert type="warning" showIcon data-testid="ranking-window" title={closedReason} />
      ) : null}
      <Alert type="info" title={t('ranking.help')} />
      <ErrorNotice error={unitsError ?? categories.error} />
      <Row gutter={[16, 16]}>
        {(categories.data?.categories ?? []).map((category) => {
          const members = units.filter((unit) => (unit.category?.id ?? unit.categoryId) === category.id);
          if (members.length === 0) return null;
          return (
            <Col key={category.id} xs={24} lg={12} xxl={8}>
              <CategoryRanking
                year={year}
                category={category}
                units={members}
                kind={kind}
                stored={storedByCategory.get(category.id)}
                onSaved={rankings.reload}
                closedReason={closedReason}
              />
            </Col>
          );
        })}
      </Row>
    </Space>
  );
}
