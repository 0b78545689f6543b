// A server refusal in the user's language (issue 13). The API answers {code, message, fields} with
// English messages and field paths such as `indicators[group=KEY_TASK].weight`; the web chooses the
// words: a text per `code` from its catalogue, a text per known field rule, field paths turned into the
// labels the forms use, and otherwise a generic "保存失败" — never a raw path or an English sentence on a
// Chinese screen. (English mode may add the server's own sentence, paths removed, as detail.)
import { translate, type Locale, type MessageKey } from '../i18n/messages';

const CODES = [
  'BAD_REQUEST',
  'INVALID',
  'WRONG_STAGE',
  'CLOSED',
  'ALREADY_VOTED',
  'CONDITIONS_NOT_MET',
  'RANKING_INCOMPLETE',
  'NOT_YOUR_UNIT',
  'NOT_ALLOWED',
  'FORBIDDEN',
  'NOT_FOUND',
  'DUPLICATE',
  'TOO_LARGE',
  'TOO_MANY_ATTEMPTS',
  'BAD_CREDENTIALS',
  'UNAUTHENTICATED',
  'CSRF',
  'SCORING_INPUT',
  'NETWORK',
  'INTERNAL',
] as const;

/** The last meaningful segment of a field path → the label key the forms use. */
const FIELD_LABELS: Record<string, MessageKey> = {
  weight: 'targets.weight',
  dueAt: 'targets.dueAt',
  share: 'targets.share',
  code: 'targets.code',
  name: 'targets.name',
  group: 'targets.group',
  standard: 'targets.standard',
  departmentCode: 'targets.department',
  notUndertakenBy: 'targets.notUndertaken',
  checkpoints: 'targets.checkpoints',
  indicators: 'targets.indicators',
  selfCheckOpensAt: 'targets.selfCheckOpensAt',
  selfCheckDueAt: 'targets.selfCheckDueAt',
  verificationDueAt: 'targets.verificationDueAt',
  evaluationDueAt: 'targets.evaluationDueAt',
  text: 'unit.submissionText',
  evidenceIds: 'verification.evidence',
  fraction: 'verification.fraction',
  selfFraction: 'unit.selfFraction',
  score: 'thirdParty.score',
  content: 'followUp.content',
  comment: 'approval.comment',
  decision: 'approval.decision',
  opinion: 'scoring.opinion',
  note: 'adjustments.note',
  kind: 'adjustments.kind',
  count: 'adjustments.count',
  issuedBy: 'adjustments.issuedBy',
};

/** Known rules of the API's field messages → catalogue texts (first match wins). */
const RULES: {
  pattern: RegExp;
  key: MessageKey;
  params?: (match: RegExpMatchArray) => Record<string, string>;
}[] = [
  {
    pattern: /falls due (on or )?after|falls due before the year-end self-check/,
    key: 'error.rule.checkpointAfterSelfCheck',
  },
  {
    pattern: /checkpoint shares sum to ([\d.]+)/,
    key: 'error.rule.sharesAboveOne',
    params: (m) => ({ total: m[1] }),
  },
  {
    pattern: /weights of group (\w+) must sum to ([\d.]+), they sum to ([\d.]+)/,
    key: 'error.rule.groupWeights',
    params: (m) => ({ group: m[1], expected: m[2], sum: m[3] }),
  },
  {
    pattern: /weights must sum to 100, they sum to ([\d.]+)/,
    key: 'error.rule.totalWeights',
    params: (m) => ({ sum: m[1] }),
  },
  { pattern: /within 0-1|between 0 and 1\b/, key: 'error.rule.fraction' },
  { pattern: /within 0-100|between 0 and 100/, key: 'thirdParty.outOfRange' },
  { pattern: /belongs to another unit/, key: 'error.rule.evidenceOtherUnit' },
  { pattern: /belongs to another cycle/, key: 'error.rule.evidenceOtherCycle' },
  { pattern: /evidence .* does not exist/, key: 'error.rule.evidenceMissing' },
  { pattern: /listed twice/, key: 'error.rule.evidenceTwice' },
  { pattern: /give a text or at least one evidence file/, key: 'error.rule.textOrEvidence' },
  {
    pattern: /describe what was done|expected string, received undefined|Required|required/,
    key: 'error.rule.required',
  },
  { pattern: /duplicate .*code/, key: 'error.rule.duplicateCode' },
  { pattern: /decimal places/, key: 'error.rule.precision' },
  {
    pattern: /must lie between (\d{4}-\d{2}-\d{2}) and (\d{4}-\d{2}-\d{2})/,
    key: 'error.rule.dateWindow',
    params: (m) => ({ from: m[1], to: m[2] }),
  },
  { pattern: /undertakes no indicator/, key: 'error.rule.undertakesNothing' },
  { pattern: /unknown unit/, key: 'error.rule.unknownUnit' },
  { pattern: /expected number|must be a number/, key: 'thirdParty.notNumber' },
];

/** Brackets and dotted paths removed from an English sentence (for the English detail only). */
export function withoutPaths(message: string): string {
  return message
    .replace(/\b[\w]+(\[[^\]]*\])+(\.[\w]+)*/g, '')
    .replace(/\b\w+\.\d+(\.\w+)*/g, '')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '')
    .replace(/\s*:\s*(?=[,;:]|$)/g, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/^\s*[:;,]\s*/, '')
    .trim();
}

/** A field path as the user reads it: the indicator/checkpoint it names and the field's label. */
export function fieldLabel(path: string, locale: Locale): string {
  const named: string[] = [];
  for (const match of path.matchAll(/\[([^\]]+)\]/g)) {
    const inner = match[1];
    const group = /^group=(\w+)$/.exec(inner);
    if (group) named.push(translate(locale, `group.${group[1]}` as MessageKey));
    else if (!/^\d+$/.test(inner)) named.push(inner);
  }
  const segments = path
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter((part) => part && !/^\d+$/.test(part));
  const last = [...segments].reverse().find((part) => FIELD_LABELS[part]);
  const label = last ? translate(locale, FIELD_LABELS[last]) : undefined;
  return [...named, label].filter(Boolean).join(' · ');
}

/** One field's message in the locale: a known rule's text, else a generic "not accepted". */
export function fieldErrorText(path: string, message: string, locale: Locale): string {
  for (const rule of RULES) {
    const match = message.match(rule.pattern);
    if (match) {
      const params = rule.params?.(match) ?? {};
      if (params.group) params.group = translate(locale, `group.${params.group}` as MessageKey);
      return translate(locale, rule.key, params);
    }
  }
  return locale === 'en' && withoutPaths(message)
    ? withoutPaths(message)
    : translate(locale, 'error.rule.unknown');
}

export interface LocalizedError {
  /** The page-level sentence. */
  title: string;
  /** One line per field error: "label：text". */
  fields: { path: string; label: string; text: string }[];
}

/** The refusal as a screen shows it: a text for its code, and its field errors with labels. */
export function localizeError(
  error: { status?: number; code?: string; message?: string; fields?: Record<string, string> },
  locale: Locale,
): LocalizedError {
  const fields = Object.entries(error.fields ?? {}).map(([path, message]) => ({
    path,
    label: fieldLabel(path, locale),
    text: fieldErrorText(path, message, locale),
  }));
  const code = (CODES as readonly string[]).includes(error.code ?? '') ? error.code! : undefined;
  let title: string;
  if (code) title = translate(locale, `error.code.${code}` as MessageKey);
  else if (fields.length === 0 && error.message)
    title = translate(locale, 'error.generic', {
      detail: locale === 'en' ? withoutPaths(error.message) : fieldErrorText('', error.message, locale),
    });
  else title = translate(locale, 'error.generic', { detail: translate(locale, 'error.rule.unknown') });
  // A refusal without fields whose sentence names a known rule: say the rule too.
  if (code && fields.length === 0 && error.message) {
    const rule = RULES.find((candidate) => candidate.pattern.test(error.message!));
    if (rule) title = `${title}${locale === 'en' ? ': ' : '：'}${fieldErrorText('', error.message, locale)}`;
  }
  return { title, fields };
}

/** For formFieldErrors: each field's message in the locale. */
export const fieldTranslator =
  (locale: Locale) =>
  (path: string, message: string): string =>
    fieldErrorText(path, message, locale);
