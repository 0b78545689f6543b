// 待办 (issue 14): the first page after sign-in for every role. What this person must do now, grouped
// by the menu entry that does it, each with its deadline (Beijing time), the time left or overdue (in
// red), and one click to the page that does it (switching to the item's cycle year).
import { Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { formatDate } from '../logic/format';
import { PAGE_PATHS, type PageKey } from '../logic/roleMenu';
import { timeLeftWords } from '../logic/timeLeft';
import { REFRESH_MS } from '../logic/refreshInterval';
import { useSession } from '../session/SessionProvider';
import { useTodo, type TodoItem } from '../session/TodoProvider';

const SHOWN_TARGETS = 5;

function groupByPage(items: TodoItem[]): [PageKey, TodoItem[]][] {
  const groups = new Map<PageKey, TodoItem[]>();
  for (const item of items) groups.set(item.page, [...(groups.get(item.page) ?? []), item]);
  return [...groups];
}

function TodoRow({ item }: { item: TodoItem }) {
  const { t, locale } = useI18n();
  const { setYear } = useSession();
  const words = item.msLeft === null ? null : timeLeftWords(item.msLeft);
  const left = words ? t(words.key, words.params) : '';
  const extra = item.targets.length - SHOWN_TARGETS;
  return (
    <div
      data-testid={`todo-${item.kind}-${item.cycleYear}`}
      data-overdue={item.overdue}
      style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
    >
      <Space wrap size={8}>
        <Tag>{t('todo.year', { year: item.cycleYear })}</Tag>
        <Link to={PAGE_PATHS[item.page]} onClick={() => setYear(item.cycleYear)}>
          {t(`todo.kind.${item.kind}` as MessageKey, { count: item.count, round: item.round ?? '' })}
        </Link>
      </Space>
      {item.targets.length > 0 && (
        <div>
          <Typography.Text type="secondary">
            {item.targets.slice(0, SHOWN_TARGETS).join('、')}
            {extra > 0 ? ` ${t('todo.more', { count: item.targets.length })}` : ''}
          </Typography.Text>
        </div>
      )}
      <div>
        {item.dueAt ? (
          <Typography.Text type={item.overdue ? 'danger' : undefined} strong={item.overdue}>
            {t('todo.due', { date: formatDate(item.dueAt, locale, true) })}
            {' · '}
            <span data-testid="todo-time-left">
              {item.overdue ? t('todo.overdue', { time: left }) : t('todo.left', { time: left })}
            </span>
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('todo.noDeadline')}</Typography.Text>
        )}
      </div>
    </div>
  );
}

export function TodoPage() {
  const { t, locale } = useI18n();
  const { data, error } = useTodo();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('todo.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('todo.intro')}
      </Typography.Paragraph>
      <ErrorNotice error={error} />
      {!data ? (
        !error && <Spin />
      ) : data.items.length === 0 ? (
        <Empty description={t('todo.empty')} />
      ) : (
        <>
          <Typography.Text data-testid="todo-total">{t('todo.total', { count: data.total })}</Typography.Text>
          {groupByPage(data.items).map(([page, items]) => (
            <Card
              key={page}
              size="small"
              data-testid={`todo-group-${page}`}
              title={<Link to={PAGE_PATHS[page]}>{t(`menu.${page}`)}</Link>}
            >
              {items.map((item) => (
                <TodoRow key={`${item.kind}-${item.cycleYear}-${item.dueAt ?? ''}`} item={item} />
              ))}
            </Card>
          ))}
        </>
      )}
      {data && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('todo.updatedAt', {
            time: formatDate(data.now, locale, true),
            seconds: REFRESH_MS / 1000,
          })}
        </Typography.Text>
      )}
    </Space>
  );
}
