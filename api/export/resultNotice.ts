// The result notice (通报) as a Word document (docx), laid out like a federation document (GB/T 9704):
// the red issuing-organ heading 大连市总工会文件, the document number, a red rule, the title, the
// addressees, the body citing the measures, one ranking table per category (Art. 6, 16, 18), and the
// issuing organ and date. Before the party group approves (Art. 18) it is marked as a draft.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chineseDate, displayPoints, GRADE_LABELS, type ResultExportData } from './resultExportData';

const RED = 'C00000';
const TITLE_FONT = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };
const HEI_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
/** Sizes in half-points: 小初 36 pt, 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { heading: 72, title: 44, body: 32, table: 28 };

const body = (
  text: string,
  options: {
    indent?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    font?: typeof BODY_FONT;
  } = {},
) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: options.font ?? BODY_FONT, size: SIZE.body })],
  });

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, bold, font: BODY_FONT, size: SIZE.table })],
      }),
    ],
  });

export function noticeTitle(data: ResultExportData): string {
  return `关于${data.year}年度各区市县（开放先导区）总工会工作实绩考核结果的通报`;
}

export async function buildResultNotice(data: ResultExportData): Promise<Buffer> {
  const categories = new Map<string, ResultExportData['results']>();
  for (const result of data.results) {
    if (!categories.has(result.categoryName)) categories.set(result.categoryName, []);
    categories.get(result.categoryName)!.push(result);
  }
  const good = data.results.filter((result) => result.finalGrade === 'GOOD').map((result) => result.unitName);
  const failing = data.results
    .filter((result) => result.finalGrade === 'FAIL')
    .map((result) => result.unitName);
  const date = data.approvedAt ?? new Date();

  const children: (Paragraph | Table)[] = [];
  if (!data.approvedAt) {
    children.push(
      body('（草稿：考核结果尚未经党组审定，第十八条）', {
        indent: false,
        align: AlignmentType.LEFT,
        font: HEI_FONT,
      }),
    );
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 400, after: 300 },
      children: [
        new TextRun({
          text: `${data.federationName}文件`,
          color: RED,
          font: TITLE_FONT,
          size: SIZE.heading,
          characterSpacing: 40,
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
      children: [new TextRun({ text: data.docNumber ?? '', font: BODY_FONT, size: SIZE.body })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 480, after: 480, line: 640 },
      children: [new TextRun({ text: noticeTitle(data), font: TITLE_FONT, size: SIZE.title })],
    }),
    body('各区市县（开放先导区）总工会：', { indent: false, align: AlignmentType.LEFT }),
    body(
      `根据《大连市总工会关于对各区市县（开放先导区）总工会工作实绩进行考核的办法》（大工发〔2018〕21号），市总工会组织开展了${data.year}年度各区市县（开放先导区）总工会工作实绩考核。考核采取分类考核、分类评价的方式（第六条），综合指标考核（占85%）、综合评价（占15%）和加减分情况计算得分（第十一条至第十五条），并按得分确定好、较好、合格、不合格四个等次（第十六条、第十七条）。考核结果经市总工会党组审定（第十八条），现将有关情况通报如下。`,
    ),
    body('一、考核结果', { font: HEI_FONT }),
  );
  for (const [categoryName, list] of categories) {
    children.push(body(`${categoryName}`, { font: HEI_FONT }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: ['名次', '单位', '总分', '等次'].map((text) => cell(text, true)),
          }),
          ...list.map(
            (result) =>
              new TableRow({
                children: [
                  cell(String(result.categoryRank)),
                  cell(result.unitName),
                  cell(displayPoints(result.total)),
                  cell(GRADE_LABELS[result.finalGrade]),
                ],
              }),
          ),
        ],
      }),
    );
  }
  children.push(body('二、有关要求', { font: HEI_FONT }));
  if (good.length > 0) {
    children.push(
      body(
        `对考核等次为“好”的${good.join('、')}，按照第二十条给予精神鼓励或精神鼓励与以奖代补相结合的奖励。`,
      ),
    );
  }
  if (failing.length > 0) {
    children.push(
      body(
        `对考核等次为“不合格”的${failing.join('、')}予以通报批评，由其主要负责人按照第二十一条向同级党委和市总工会作出书面说明。`,
      ),
    );
  }
  children.push(
    body(
      '市总工会考核工作领导小组将向各单位主要负责人反馈考核结果（第十九条）。各单位要对照考核中发现的问题认真整改，推动工会工作再上新台阶。',
    ),
    new Paragraph({ spacing: { before: 600 }, children: [] }),
    body(data.federationName, { indent: false, align: AlignmentType.RIGHT }),
    body(chineseDate(date), { indent: false, align: AlignmentType.RIGHT }),
  );

  const document = new Document({
    creator: data.federationName,
    title: noticeTitle(data),
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        // A4 with the margins of GB/T 9704 (top 37 mm, left 28 mm, right 26 mm, bottom 35 mm) in twips.
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, left: 1587, right: 1474, bottom: 1984 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
