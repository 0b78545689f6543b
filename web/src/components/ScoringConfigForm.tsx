// The cycle's scoring configuration (SPEC §4), editable until publication (Art. 8). Every field shows
// its default and the article it comes from; an empty field takes the default. Group totals are
// checked live to sum to 100 (Art. 12).
import { App, Alert, Button, Checkbox, Col, Form, InputNumber, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { ErrorNotice } from './ErrorNotice';
import { useI18n } from '../i18n/I18nProvider';
import { fieldErrorText } from '../logic/errorText';
import {
  comprehensiveAfterToggle,
  comprehensiveDefaults,
  type ComprehensiveWeights,
} from '../logic/formRules';
import type { MessageKey } from '../i18n/messages';
import { fieldPath } from '../logic/apiError';
import {
  checkWeights,
  DEFAULT_GROUP_WEIGHTS,
  INDICATOR_GROUPS,
  type IndicatorGroup,
} from '../logic/weightSums';

type Config = {
  indicatorShare?: number;
  comprehensive?: { leader?: number; department?: number; thirdParty?: number };
  groupWeights?: Partial<Record<IndicatorGroup, number>>;
  rankToScore?: { top?: number; bottom?: number };
  grades?: { good?: number; fairlyGood?: number; pass?: number };
};

export const CONFIG_ROOTS = ['indicatorShare', 'comprehensive', 'groupWeights', 'rankToScore', 'grades'];

/** [path, default, article] of every configurable figure (the scoring preview's override uses them too). */
export const SCORING_CONFIG_FIELDS: [string[], number, string][] = [
  [['indicatorShare'], 85, '第十一条'],
  [['comprehensive', 'leader'], 10, '第十一条、第十三条'],
  [['comprehensive', 'department'], 5, '第十一条、第十三条'],
  [['groupWeights', 'KEY_TASK'], 80, '第十二条'],
  [['groupWeights', 'INSTRUCTION'], 10, '第十二条'],
  [['groupWeights', 'MEETING'], 10, '第十二条'],
  [['rankToScore', 'top'], 100, '第十三条'],
  [['rankToScore', 'bottom'], 60, '第十三条'],
  [['grades', 'good'], 90, '第十六条'],
  [['grades', 'fairlyGood'], 80, '第十六条'],
  [['grades', 'pass'], 60, '第十六条'],
];

export function ScoringConfigForm({
  year,
  config,
  useThirdParty,
  explanationDays,
  onSaved,
}: {
  year: number;
  config: Config;
  useThirdParty: boolean;
  explanationDays: number;
  onSaved(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>();
  const groupWeights = Form.useWatch(['scoringConfig', 'groupWeights'], form) as
    Partial<Record<IndicatorGroup, number>> | undefined;
  const thirdParty = Form.useWatch('useThirdParty', form) as boolean | undefined;
  const groupsOk = checkWeights([], { ...DEFAULT_GROUP_WEIGHTS, ...(groupWeights ?? {}) } as Record<
    IndicatorGroup,
    number
  >).groupWeightsOk;
  const onFinish = async (values: {
    scoringConfig: Config;
    useThirdParty: boolean;
    explanationDays: number;
  }) => {
    setError(undefined);
    try {
      await api.put(`/cycles/${year}`, values);
      message.success(t('app.saved'));
      onSaved();
    } catch (caught) {
      setError(caught);
      if (caught instanceof ApiError) {
        // The configuration is parsed on its own, so its paths may lack the scoringConfig prefix.
        form.setFields(
          Object.entries(caught.fields).map(([path, text]) => {
            const name = fieldPath(path);
            return {
              name: CONFIG_ROOTS.includes(String(name[0])) ? ['scoringConfig', ...name] : name,
              errors: [fieldErrorText(path, text, locale)],
            };
          }) as never,
        );
      }
    }
  };
  const label = (path: string[]) => t(`config.${path.join('.')}` as MessageKey);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ scoringConfig: config, useThirdParty, explanationDays }}
      onFinish={(values) => void onFinish(values)}
    >
      <Alert type="info" title={t('targets.configHelp')} style={{ marginBottom: 12 }} />
      <Row gutter={12}>
        {SCORING_CONFIG_FIELDS.map(([path, measureDefault, article]) => {
          // The comprehensive defaults follow the third-party box (Art. 11: 10/5 or 8/4/3).
          const fallback =
            path[0] === 'comprehensive'
              ? comprehensiveDefaults(Boolean(thirdParty))[path[1] as 'leader' | 'department']
              : measureDefault;
          return (
            <Col key={path.join('.')} xs={12} md={8} xl={6}>
              <Form.Item
                name={['scoringConfig', ...path]}
                label={label(path)}
                extra={`${t('targets.default')} ${fallback} · ${article}`}
              >
                <InputNumber min={0} max={100} placeholder={String(fallback)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          );
        })}
        {thirdParty ? (
          <Col xs={12} md={8} xl={6}>
            <Form.Item
              name={['scoringConfig', 'comprehensive', 'thirdParty']}
              label={t('config.comprehensive.thirdParty')}
              extra={`${t('targets.default')} 3 · 第九条、第十一条`}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={12} md={8} xl={6}>
          <Form.Item
            name="explanationDays"
            label={t('targets.explanationDays')}
            extra={`${t('targets.default')} 15 · 第二十一条`}
          >
            <InputNumber min={1} max={90} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="useThirdParty" valuePropName="checked">
        <Checkbox
          onChange={(event) =>
            // Art. 11: with a third party the defaults are 8/4/3 instead of 10/5.
            form.setFieldValue(
              ['scoringConfig', 'comprehensive'],
              comprehensiveAfterToggle(
                form.getFieldValue(['scoringConfig', 'comprehensive']) as ComprehensiveWeights | undefined,
                event.target.checked,
              ),
            )
          }
        >
          {t('targets.useThirdParty')}
        </Checkbox>
      </Form.Item>
      <Typography.Paragraph aria-live="polite">
        <Tag color={groupsOk ? 'green' : 'red'}>
          groupWeights ={' '}
          {INDICATOR_GROUPS.map((group) => groupWeights?.[group] ?? DEFAULT_GROUP_WEIGHTS[group]).join(' + ')}{' '}
          {groupsOk ? '= 100' : '≠ 100'}
        </Tag>
      </Typography.Paragraph>
      <ErrorNotice error={error} />
      <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>
        {t('app.save')}
      </Button>
    </Form>
  );
}
