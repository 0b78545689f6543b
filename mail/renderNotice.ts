// Turns an event's data into the email: subject, HTML and plain text, in the recipient's locale.
// The data is validated against the event's schema first (noticeData.ts); every value is HTML-escaped
// in the HTML part. The layout adds what every notice carries: the federation's name, the reference
// number (文号), the addressee, the article it acts under, the signature and the date in Chinese format.
import type Handlebars from 'handlebars';
import { z } from 'zod';
import { NOTICE_ARTICLES, noticeDataSchemas, type NoticeEvent, type NoticeLocale } from './noticeEvents';
import { eventTemplates, safeHtml } from './noticeTemplates';

export interface RenderedNotice {
  subject: string;
  html: string;
  text: string;
}

export class InvalidNoticeDataError extends Error {
  override name = 'InvalidNoticeDataError';
  constructor(
    readonly event: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `notice data for ${event} is invalid: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`,
    );
  }
}

const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/** Plain text reads well in any client: no trailing blanks, at most one empty line in a row. */
function tidyText(value: string): string {
  return `${value
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

export function renderNotice(event: NoticeEvent, locale: NoticeLocale, data: unknown): RenderedNotice {
  const schema = noticeDataSchemas[event] as z.ZodType | undefined;
  if (!schema)
    throw new InvalidNoticeDataError(String(event), [{ path: '', message: 'unknown notice event' }]);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new InvalidNoticeDataError(
      event,
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const templates = eventTemplates(event, locale);
  const context = { ...(parsed.data as object), locale, event, articles: NOTICE_ARTICLES[event] };
  const runtime = (partials: Record<string, Handlebars.TemplateDelegate>) => ({
    partials,
    allowProtoPropertiesByDefault: false,
  });
  const title = oneLine(templates.title(context, runtime(templates.textPartials)));
  const subject = oneLine(templates.subject(context, runtime(templates.textPartials)));
  const htmlBody = templates.html(context, runtime(templates.htmlPartials));
  const textBody = templates.text(context, runtime(templates.textPartials));
  const html = templates.htmlPartials.layout(
    { ...context, title, body: safeHtml(htmlBody) },
    runtime(templates.htmlPartials),
  );
  const text = templates.textPartials.layout(
    { ...context, title, body: textBody.trim() },
    runtime(templates.textPartials),
  );
  return { subject, html, text: tidyText(text) };
}
