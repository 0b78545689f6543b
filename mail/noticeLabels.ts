// Words the templates print for codes, in both locales. Grades as Art. 16 names them.
import type { NoticeLocale } from './noticeEvents';

type Dictionary = Record<string, string>;

const ZH: Record<string, Dictionary> = {
  grade: { GOOD: '好', FAIRLY_GOOD: '较好', PASS: '合格', FAIL: '不合格' },
  // Art. 12
  group: { KEY_TASK: '重点工作任务', INSTRUCTION: '指示批示落实情况', MEETING: '会议议定事项落实情况' },
  // Art. 14, 15
  adjustment: {
    COMMENDATION_MAJOR: '省总、市委、市政府有关部门通报表彰或全总部门、省总创新成果',
    COMMENDATION_MINOR: '省总部门、市总通报表彰或省总部门、市总创新成果',
    CRITICISM_MAJOR: '省总、市委、市政府通报批评',
    CRITICISM_MINOR: '市总通报批评',
  },
  // Art. 17
  downgrade: {
    CADRE_SELECTION: '干部选拔任用中出现违纪违规问题',
    PARTY_DISCIPLINE: '不履行或履行全面从严治党主体责任不力造成严重损害或严重不良影响',
    MAJOR_ERROR: '当年工作出现重大失误造成严重后果',
    FALSIFICATION: '在年度工作实绩考核中弄虚作假',
    LEADERSHIP_SANCTIONED: '领导班子成员因违法违纪受到党纪和行政处分',
  },
  // Art. 20
  incentive: { RECOGNITION: '精神鼓励', RECOGNITION_AND_REWARD: '精神鼓励与以奖代补相结合' },
  // Art. 13
  evaluator: { PARTY_MEMBER: '领导评价（市总党组成员）', DEPARTMENT: '部门评价（市总业务部门）' },
  vote: { APPROVE: '同意', REJECT: '不同意' },
  outcome: { APPROVED: '审定通过', REJECTED: '退回修改' },
  // The notices log (web: NotificationsPage) names each notice and its delivery state by these.
  event: {
    TARGETS_PUBLISHED: '目标任务下达通知',
    CHECKPOINT_REMINDER: '节点材料提交提醒',
    CHECKPOINT_OVERDUE: '节点材料逾期提醒',
    SELF_CHECK_OPENED: '年终自查开始通知',
    SELF_CHECK_CLOSING: '年终自查即将截止提醒',
    RANKING_REQUEST: '综合评价排序通知',
    APPROVAL_REQUEST: '党组审定请求',
    APPROVAL_OUTCOME: '党组审定结果',
    RESULT_NOTICE_UNIT: '考核结果通知（被考核单位）',
    RESULT_NOTICE_PARTY_COMMITTEE: '考核结果通报（同级党委）',
    CRITICISM_NOTICE: '通报批评通知',
    EXPLANATION_REMINDER: '书面说明提醒',
    EXPLANATION_OVERDUE_ESCALATION: '书面说明逾期上报',
    EXPLANATION_ACCEPTED: '书面说明已接受',
    EXPLANATION_FORWARDED: '书面说明转送同级党委',
    EXPLANATION_RETURNED: '书面说明已退回',
    FEEDBACK_REQUEST: '反馈传达确认请求',
    FEEDBACK_REMINDER: '反馈确认提醒',
    FEEDBACK_CONFIRMED: '反馈已确认',
    INCENTIVE_NOTICE: '激励通知',
  },
  delivery: { QUEUED: '待发送', SENT: '已发送', FAILED: '发送失败' },
};

const EN: Record<string, Dictionary> = {
  grade: { GOOD: 'Good', FAIRLY_GOOD: 'Fairly good', PASS: 'Pass', FAIL: 'Fail' },
  group: {
    KEY_TASK: 'Key tasks',
    INSTRUCTION: 'Implementation of instructions',
    MEETING: 'Implementation of meeting decisions',
  },
  adjustment: {
    COMMENDATION_MAJOR:
      'Commendation by the provincial federation, city party committee or city government departments',
    COMMENDATION_MINOR: 'Commendation by provincial federation departments or the city federation',
    CRITICISM_MAJOR: 'Criticism by the provincial federation, city party committee or city government',
    CRITICISM_MINOR: 'Criticism by the city federation',
  },
  downgrade: {
    CADRE_SELECTION: 'Violations in the selection of cadres',
    PARTY_DISCIPLINE: 'Failure in party-discipline duties causing serious damage',
    MAJOR_ERROR: 'Major errors with serious consequences',
    FALSIFICATION: 'Falsification in this assessment',
    LEADERSHIP_SANCTIONED: 'Members of the leadership sanctioned',
  },
  incentive: {
    RECOGNITION: 'Recognition',
    RECOGNITION_AND_REWARD: 'Recognition with a reward in lieu of subsidy',
  },
  evaluator: {
    PARTY_MEMBER: 'leader evaluation (party-group member)',
    DEPARTMENT: 'department evaluation (federation department)',
  },
  vote: { APPROVE: 'approve', REJECT: 'reject' },
  outcome: { APPROVED: 'approved', REJECTED: 'returned for revision' },
  event: {
    TARGETS_PUBLISHED: 'Targets issued',
    CHECKPOINT_REMINDER: 'Checkpoint reminder',
    CHECKPOINT_OVERDUE: 'Checkpoint overdue',
    SELF_CHECK_OPENED: 'Self-check opened',
    SELF_CHECK_CLOSING: 'Self-check closing soon',
    RANKING_REQUEST: 'Ranking request',
    APPROVAL_REQUEST: 'Approval request',
    APPROVAL_OUTCOME: 'Approval outcome',
    RESULT_NOTICE_UNIT: 'Result notice (unit)',
    RESULT_NOTICE_PARTY_COMMITTEE: 'Result notice (party committee)',
    CRITICISM_NOTICE: 'Criticism notice',
    EXPLANATION_REMINDER: 'Explanation reminder',
    EXPLANATION_OVERDUE_ESCALATION: 'Explanation overdue (escalated)',
    EXPLANATION_ACCEPTED: 'Explanation accepted',
    EXPLANATION_FORWARDED: 'Explanation forwarded to the party committee',
    EXPLANATION_RETURNED: 'Explanation returned',
    FEEDBACK_REQUEST: 'Feedback to confirm',
    FEEDBACK_REMINDER: 'Feedback reminder',
    FEEDBACK_CONFIRMED: 'Feedback confirmed',
    INCENTIVE_NOTICE: 'Incentive notice',
  },
  delivery: { QUEUED: 'Queued', SENT: 'Sent', FAILED: 'Failed' },
};

const DICTIONARIES: Record<NoticeLocale, Record<string, Dictionary>> = { 'zh-CN': ZH, en: EN };

/** The label of `code` in `kind` (grade, group, …); an unknown code prints as itself rather than blank. */
export function noticeLabel(locale: NoticeLocale, kind: string, code: string): string {
  return DICTIONARIES[locale][kind]?.[code] ?? code;
}
