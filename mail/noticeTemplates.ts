// Loads the notice templates from mail/templates. One file per event and locale
// (TARGETS_PUBLISHED.zh-CN.hbs) holds its sections — subject, title, html, text — each introduced by a
// marker line such as {{!-- html --}}; partials (layout, tables) live in templates/partials the same way,
// with html and text sections only.
// HTML sections escape every value; subject, title and text sections are plain text and do not.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { NoticeEvent, NoticeLocale } from './noticeEvents';
import { registerTemplateHelpers } from './templateHelpers';

export const TEMPLATES_DIR = path.join(__dirname, 'templates');

const EVENT_SECTIONS = ['subject', 'title', 'html', 'text'] as const;
const PARTIAL_SECTIONS = ['html', 'text'] as const;
type Section = (typeof EVENT_SECTIONS)[number];

type Compiled = Handlebars.TemplateDelegate;

export interface EventTemplates {
  subject: Compiled;
  title: Compiled;
  html: Compiled;
  text: Compiled;
  htmlPartials: Record<string, Compiled>;
  textPartials: Record<string, Compiled>;
}

const engine = Handlebars.create();
registerTemplateHelpers(engine);

const MARKER = /^\{\{!-- (subject|title|html|text) --\}\}[ \t]*$/;

export function splitSections(source: string, file: string): Partial<Record<Section, string>> {
  const sections: Partial<Record<Section, string>> = {};
  let current: Section | undefined;
  const lines: string[] = [];
  const flush = () => {
    // A text section ends with exactly one newline, so a partial on a line of its own keeps the
    // blank line that follows it.
    if (current) sections[current] = `${lines.join('\n').replace(/^\n+|\s+$/g, '')}\n`;
    lines.length = 0;
  };
  for (const line of source.split(/\r?\n/)) {
    const marker = MARKER.exec(line);
    if (marker) {
      flush();
      current = marker[1] as Section;
      if (sections[current] !== undefined) throw new Error(`${file}: section "${current}" appears twice`);
    } else if (current) {
      lines.push(line);
    }
    // Anything before the first marker is the file's own commentary and is not rendered.
  }
  flush();
  return sections;
}

function compile(source: string, section: Section): Compiled {
  // strict: a misspelt field name throws instead of printing nothing.
  return engine.compile(source, { noEscape: section !== 'html', strict: true });
}

function readSections<S extends Section>(file: string, required: readonly S[]): Record<S, string> {
  const sections = splitSections(fs.readFileSync(file, 'utf8'), file);
  for (const name of required) {
    if (sections[name] === undefined) throw new Error(`${file}: missing section "${name}"`);
  }
  return sections as Record<S, string>;
}

function loadPartials(locale: NoticeLocale) {
  const dir = path.join(TEMPLATES_DIR, 'partials');
  const htmlPartials: Record<string, Compiled> = {};
  const textPartials: Record<string, Compiled> = {};
  for (const entry of fs.readdirSync(dir)) {
    const match = /^(.+)\.(zh-CN|en)\.hbs$/.exec(entry);
    if (!match || match[2] !== locale) continue;
    const sections = readSections(path.join(dir, entry), PARTIAL_SECTIONS);
    htmlPartials[match[1]] = compile(sections.html, 'html');
    textPartials[match[1]] = compile(sections.text, 'text');
  }
  if (!htmlPartials.layout) throw new Error(`templates/partials: no layout for ${locale}`);
  return { htmlPartials, textPartials };
}

const partialCache = new Map<NoticeLocale, ReturnType<typeof loadPartials>>();
const eventCache = new Map<string, EventTemplates>();

export function eventTemplates(event: NoticeEvent, locale: NoticeLocale): EventTemplates {
  const key = `${event}.${locale}`;
  let templates = eventCache.get(key);
  if (!templates) {
    let partials = partialCache.get(locale);
    if (!partials) {
      partials = loadPartials(locale);
      partialCache.set(locale, partials);
    }
    const sections = readSections(path.join(TEMPLATES_DIR, `${key}.hbs`), EVENT_SECTIONS);
    templates = {
      subject: compile(sections.subject, 'subject'),
      title: compile(sections.title, 'title'),
      html: compile(sections.html, 'html'),
      text: compile(sections.text, 'text'),
      ...partials,
    };
    eventCache.set(key, templates);
  }
  return templates;
}

export function safeHtml(html: string): Handlebars.SafeString {
  return new engine.SafeString(html);
}
