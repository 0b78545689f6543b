// Every notice renders in Chinese and English with what its reader needs: the federation, the
// reference number, the date in Chinese format, the article it acts under, the unit, the deadline,
// and for results the total, the grade and the rank (issue: notifications).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  NOTICE_EVENTS,
  NOTICE_LOCALES,
  type NoticeEvent,
  type NoticeDataInput,
} from '../../mail/noticeEvents';
import { renderNotice } from '../../mail/renderNotice';
import { demoNoticeData } from '../../mail/demoNoticeData';
import { writeMailPreview } from '../../scripts/mailPreview';

const CITATIONS: Record<NoticeEvent, [string, string]> = {
  TARGETS_PUBLISHED: ['第八条、第十二条', 'Art. 8 and Art. 12'],
  CHECKPOINT_REMINDER: ['第八条', 'Art. 8'],
  CHECKPOINT_OVERDUE: ['第八条', 'Art. 8'],
  SELF_CHECK_OPENED: ['第八条', 'Art. 8'],
  SELF_CHECK_CLOSING: ['第八条', 'Art. 8'],
  RANKING_REQUEST: ['第九条、第十三条', 'Art. 9 and Art. 13'],
  APPROVAL_REQUEST: ['第十八条', 'Art. 18'],
  APPROVAL_OUTCOME: ['第十八条', 'Art. 18'],
  RESULT_NOTICE_UNIT: ['第十八条', 'Art. 18'],
  RESULT_NOTICE_PARTY_COMMITTEE: ['第十八条', 'Art. 18'],
  CRITICISM_NOTICE: ['第二十一条', 'Art. 21'],
  EXPLANATION_REMINDER: ['第二十一条', 'Art. 21'],
  EXPLANATION_OVERDUE_ESCALATION: ['第二十一条', 'Art. 21'],
  EXPLANATION_ACCEPTED: ['第二十一条', 'Art. 21'],
  EXPLANATION_RETURNED: ['第二十一条', 'Art. 21'],
  EXPLANATION_FORWARDED: ['第二十一条', 'Art. 21'],
  FEEDBACK_REQUEST: ['第十九条', 'Art. 19'],
  FEEDBACK_REMINDER: ['第十九条', 'Art. 19'],
  FEEDBACK_CONFIRMED: ['第十九条', 'Art. 19'],
  INCENTIVE_NOTICE: ['第二十条', 'Art. 20'],
};

/** The deadline each demo notice carries (mail/demoNoticeData.ts), as the reader must see it. */
const DEADLINES: Partial<Record<NoticeEvent, [string, string]>> = {
  CHECKPOINT_REMINDER: ['2026年9月30日', '30 September 2026'],
  CHECKPOINT_OVERDUE: ['2026年9月30日', '30 September 2026'],
  SELF_CHECK_OPENED: ['2026年11月30日', '30 November 2026'],
  SELF_CHECK_CLOSING: ['2026年11月30日', '30 November 2026'],
  RANKING_REQUEST: ['2026年12月20日', '20 December 2026'],
  CRITICISM_NOTICE: ['2027年2月4日', '4 February 2027'],
  EXPLANATION_REMINDER: ['2027年2月4日', '4 February 2027'],
  EXPLANATION_OVERDUE_ESCALATION: ['2027年2月4日', '4 February 2027'],
  EXPLANATION_RETURNED: ['2027年2月17日', '17 February 2027'],
};

const cases = NOTICE_EVENTS.flatMap((event) => NOTICE_LOCALES.map((locale) => [event, locale] as const));

describe('every notice, in both locales', () => {
  test.each(cases)(
    '%s (%s) carries the federation, reference, date, article, addressee and deadline',
    (event, locale) => {
      // 16:30 UTC is already the next day in Dalian.
      const data = { ...demoNoticeData(event), issuedAt: '2026-11-24T16:30:00Z' } as Record<string, unknown>;
      const notice = renderNotice(event, locale, data);
      const zh = locale === 'zh-CN';
      expect(notice.subject).not.toMatch(/\n/);
      expect(notice.subject.length).toBeGreaterThan(5);
      for (const body of [notice.text, notice.html]) {
        expect(body).toContain('大连市总工会');
        expect(body).toContain('大工考〔2026〕3号');
        expect(body).toContain(zh ? '2026年11月25日' : '25 November 2026');
        expect(body).toContain(CITATIONS[event][zh ? 0 : 1]);
        expect(body).toContain(data.recipientName as string);
        if (typeof data.unitName === 'string') expect(body).toContain(data.unitName);
        const deadline = DEADLINES[event];
        if (deadline) expect(body).toContain(deadline[zh ? 0 : 1]);
      }
      if (!zh) expect(notice.text).toContain('Dalian Municipal Federation of Trade Unions');
      expect(notice.html).toMatch(new RegExp(`^<!DOCTYPE html>\\s*<html lang="${locale}">`));
      // No placeholder left unfilled, no template syntax leaked.
      expect(notice.text).not.toMatch(/\{\{|undefined|NaN|\[object Object\]/);
      expect(notice.html).not.toMatch(/\{\{|undefined|NaN|\[object Object\]/);
    },
  );
});

const RESULT: NoticeDataInput<'RESULT_NOTICE_UNIT'> = {
  federationName: '大连市总工会',
  docNumber: '大工考〔2027〕2号',
  year: 2026,
  issuedAt: '2027-01-20T10:00:00+08:00',
  recipientName: '西岗区总工会主要负责人',
  portalUrl: 'http://kaohe.test/cycles/2026/results',
  unitName: '西岗区总工会',
  categoryName: '城区',
  categoryRank: 2,
  categorySize: 3,
  total: '86.245',
  scoreGrade: 'FAIRLY_GOOD',
  finalGrade: 'PASS',
  indicatorScore: '90.1',
  indicatorPoints: '76.585',
  comprehensivePoints: '10.66',
  bonus: '0',
  deduction: '1',
  opinion: '重点任务推进有力。\n存在材料弄虚作假问题。',
  breakdown: {
    indicators: [
      {
        indicatorId: 'k1',
        name: '基层工会组建和会员发展',
        group: 'KEY_TASK',
        baseWeight: 60,
        effectiveWeight: 100,
        undertaken: true,
        checkpoints: [{ checkpointId: 'k1-q2', share: 0.2, fraction: 1, points: 20 }],
        yearEnd: { share: 0.8, fraction: 0.87625, points: 70.1 },
        completion: 0.901,
        points: 90.1,
      },
      {
        indicatorId: 'k2',
        name: '农民工等新就业形态劳动者入会',
        group: 'KEY_TASK',
        baseWeight: 40,
        effectiveWeight: 0,
        undertaken: false,
        checkpoints: [],
        yearEnd: { share: 1, fraction: 0, points: 0 },
        completion: 0,
        points: 0,
      },
    ],
    comprehensive: {
      leader: { score: 80, weight: 10, points: 8 },
      department: { score: 53.2, weight: 5, points: 2.66 },
      thirdParty: null,
    },
    adjustments: [{ kind: 'CRITICISM_MINOR', count: 1, pointsEach: -1, points: -1, note: '市总通报批评' }],
    downgrade: { levels: 1, reasons: [{ reason: 'FALSIFICATION', levels: 1, note: '节点材料弄虚作假' }] },
    total: 86.25,
    scoreGrade: 'FAIRLY_GOOD',
    finalGrade: 'PASS',
    categoryRank: 2,
  },
  categoryTable: [
    { rank: 1, unitName: '中山区总工会', total: 93.5, finalGrade: 'GOOD' },
    { rank: 2, unitName: '西岗区总工会', total: '86.245', finalGrade: 'PASS' },
    { rank: 3, unitName: '沙河口区总工会', total: 71, finalGrade: 'PASS' },
  ],
};

describe('the result notice (Art. 18)', () => {
  test('shows the unit its total, grade, rank, breakdown and the category table', () => {
    const { subject, text, html } = renderNotice('RESULT_NOTICE_UNIT', 'zh-CN', RESULT);
    expect(subject).toBe('关于2026年度工作实绩考核结果的通报（西岗区总工会）');
    // 86.245 rounds half away from zero to 86.25; the grade is the final one, after the downgrade.
    expect(text).toContain('总分86.25分，考核等次为“合格”，在城区3个单位中排名第2名。');
    expect(text).toContain('按得分确定的等次（第十六条）：较好');
    expect(text).toContain('降档（第十七条）：下调1个档次');
    expect(text).toContain('在年度工作实绩考核中弄虚作假：下调1个档次（节点材料弄虚作假）');
    expect(text).toContain('减分（第十五条）：−1.00');
    expect(text).toContain(
      '农民工等新就业形态劳动者入会（重点工作任务）不承担，权重已平均分配至其他指标（第十二条）',
    );
    expect(text).toContain('基层工会组建和会员发展（重点工作任务）权重100（原60），完成度90.1%，得分90.10');
    expect(text).toContain('领导评价80.00，权重10，得分8.00');
    expect(text).toContain('市总通报批评 1次，每次-1.00，计-1.00');
    expect(text).toContain('重点任务推进有力。\n存在材料弄虚作假问题。');
    expect(text).toMatch(/▶ 第2名 {2}西岗区总工会 {2}86\.25分 {2}合格/);
    expect(text).toMatch(/第1名 {2}中山区总工会 {2}93\.50分 {2}好/);
    expect(text).toContain('2027年1月20日');
    expect(text).toContain('大工考〔2027〕2号');
    // The unit's own row stands out in the HTML table; the opinion keeps its line break.
    expect(html).toMatch(
      /<tr class="own"[^>]*><td class="num">2<\/td><td>西岗区总工会<\/td><td class="num">86\.25<\/td><td>合格<\/td><\/tr>/,
    );
    expect(html).toContain('重点任务推进有力。<br>');
  });

  test('reads the same in English', () => {
    const { subject, text } = renderNotice('RESULT_NOTICE_UNIT', 'en', RESULT);
    expect(subject).toBe('2026 assessment result (西岗区总工会)');
    expect(text).toContain('Total 86.25 points, grade “Pass”, rank 2 of 3 in 城区.');
    expect(text).toContain('Grade by score (Art. 16): Fairly good');
    expect(text).toContain('Issued under Art. 18 of the Measures');
    expect(text).toContain('20 January 2027');
  });

  test('goes to the party committee without a login link (it has no account, SPEC §1)', () => {
    const { portalUrl: _portal, ...withoutPortal } = RESULT;
    const { text, html } = renderNotice('RESULT_NOTICE_PARTY_COMMITTEE', 'zh-CN', {
      ...withoutPortal,
      recipientName: '中共西岗区委员会',
    });
    expect(text).toContain('中共西岗区委员会：');
    expect(text).toContain('现将西岗区总工会2026年度工作实绩考核结果向你委通报如下');
    expect(text).not.toContain('考核系统：');
    expect(html).not.toContain('<a href');
  });
});

describe('what goes into a notice', () => {
  test('every value is HTML-escaped in the HTML part and left as written in the text part', () => {
    const data = {
      ...demoNoticeData('FEEDBACK_REQUEST'),
      unitName: '<script>alert("x")</script>西岗区总工会',
      feedback: 'A & B <b>加粗</b>',
    };
    const { html, text, subject } = renderNotice('FEEDBACK_REQUEST', 'zh-CN', data);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;西岗区总工会');
    expect(html).toContain('A &amp; B &lt;b&gt;加粗&lt;/b&gt;');
    expect(text).toContain('<script>alert("x")</script>西岗区总工会');
    expect(subject).toContain('<script>alert("x")</script>西岗区总工会');
  });

  test('invalid data is refused with the path of each problem', () => {
    const { total: _total, ...withoutTotal } = RESULT;
    expect(() =>
      renderNotice('RESULT_NOTICE_UNIT', 'zh-CN', { ...withoutTotal, issuedAt: '24/11/2026' }),
    ).toThrow(
      expect.objectContaining({
        name: 'InvalidNoticeDataError',
        message: expect.stringMatching(/issuedAt: .*total: /s),
      }),
    );
    expect(() =>
      renderNotice('INCENTIVE_NOTICE', 'zh-CN', {
        ...demoNoticeData('INCENTIVE_NOTICE'),
        finalGrade: 'PASS',
      }),
    ).toThrow(/finalGrade/);
  });

  test('a unit’s target list shows only its indicators, their adjusted weight and the checkpoints (Art. 8, 12)', () => {
    const { text } = renderNotice('TARGETS_PUBLISHED', 'zh-CN', {
      federationName: '大连市总工会',
      docNumber: '大工考〔2026〕1号',
      year: 2026,
      issuedAt: '2026-02-01T09:00:00+08:00',
      recipientName: '中山区总工会主要负责人',
      portalUrl: 'http://kaohe.test/cycles/2026/targets',
      unitName: '中山区总工会',
      indicators: [
        {
          code: 'K01',
          name: '基层工会组建和会员发展',
          group: 'KEY_TASK',
          weight: 60,
          effectiveWeight: 100,
          standard: '新建基层工会20家',
          checkpoints: [
            {
              code: 'K01-Q2',
              name: '上半年',
              dueAt: '2026-06-30T17:00:00+08:00',
              share: 0.25,
              standard: '新建10家',
            },
          ],
        },
      ],
      notUndertaken: [{ code: 'K02', name: '农民工等新就业形态劳动者入会' }],
    });
    expect(text).toContain('你单位不承担以下指标：K02 农民工等新就业形态劳动者入会。依据第十二条');
    expect(text).toContain('K01 基层工会组建和会员发展（重点工作任务，权重100，原60）');
    expect(text).toContain('节点K01-Q2「上半年」：2026年6月30日前完成，占该指标分值25%；完成标准：新建10家');
    expect(text).toContain('年终察访核验占75%');
  });
});

describe('the preview of every template', () => {
  test('writes each event in both locales, HTML and text, with an index', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaohe-mail-preview-'));
    try {
      const written = writeMailPreview(dir);
      expect(written).toHaveLength(NOTICE_EVENTS.length * 2 * 2 + 1);
      expect(fs.readdirSync(dir).sort()).toEqual([...written].sort());
      const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      for (const event of NOTICE_EVENTS) expect(index).toContain(`href="${event}.zh-CN.html"`);
      expect(fs.readFileSync(path.join(dir, 'INCENTIVE_NOTICE.zh-CN.txt'), 'utf8')).toContain(
        '以奖代补资金50,000.00元',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
