/**
 * A Doc as a Word file (docx): A4, 宋体 body and 黑体 headings (as Chinese courts expect), blanks highlighted.
 *
 * The text is marked Simplified Chinese (w:lang zh-CN, also for East Asian text) and the East Asian fonts are named
 * SimSun and SimHei, with the East Asian font hinted for punctuation such as “”. Word on Windows uses 宋体 and 黑体;
 * LibreOffice on Linux, which has neither, falls back through fontconfig to Noto Serif CJK and Noto Sans CJK and,
 * because of the language, shapes them with the Simplified Chinese glyphs (without it, it may take the Japanese ones).
 *
 * docx is loaded when a document is made, not with every command (it is about 60 ms of start-up).
 */
import type { Paragraph as DocxParagraph, ParagraphChild, Table as DocxTable } from 'docx';
import { BLANK_MARK, type Block, type Doc, type Inline } from './model.js';

const BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun', hint: 'eastAsia' };
const HEAD = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: 'SimHei', hint: 'eastAsia' };
const ZH_CN = { value: 'zh-CN', eastAsia: 'zh-CN' };
/** A4 less the margins, in twentieths of a point, and the image width that fits it (px at 96 dpi). */
const TEXT_WIDTH_TWIP = 9000;
const IMAGE_MAX = { width: 590, height: 800 };

type Docx = typeof import('docx');

function runs({ TextRun }: Docx, parts: Inline[], size = 24): ParagraphChild[] {
  return parts.map((p) => typeof p === 'string' ? new TextRun({ text: p, font: BODY, size })
    : 'blank' in p ? new TextRun({ text: BLANK_MARK(p.blank), font: BODY, size, highlight: 'yellow' })
      : new TextRun({ text: p.strong, font: BODY, size, bold: true }));
}

function toDocx(D: Docx, b: Block): (DocxParagraph | DocxTable)[] {
  const { AlignmentType, BorderStyle, ImageRun, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = D;
  const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER };
  switch (b.kind) {
    case 'title':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: b.text, font: HEAD, size: 40, bold: true })] })];
    case 'heading':
      return [new Paragraph({ spacing: { before: 240, after: 80 }, children: [new TextRun({ text: b.text, font: HEAD, size: 26, bold: true })] })];
    case 'para':
      return [new Paragraph({ alignment: b.align ? ALIGN[b.align] : undefined, indent: b.indent ? { firstLine: 480 } : undefined, spacing: { line: 400, after: 80 },
        children: runs(D, b.parts, b.small ? 19 : 24) })];
    case 'table': {
      const total = b.widths.reduce((a, x) => a + x, 0);
      const widths = b.widths.map((w) => Math.round((w / total) * TEXT_WIDTH_TWIP));
      const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
      const cell = (parts: Inline[], i: number, head = false) => new TableCell({
        width: { size: widths[i]!, type: WidthType.DXA }, borders: { top: border, bottom: border, left: border, right: border },
        shading: head ? { fill: 'EEEEEE' } : undefined,
        children: [new Paragraph({ children: head ? [new TextRun({ text: parts.join(''), font: HEAD, size: 20, bold: true })] : runs(D, parts, 20) })],
      });
      return [new Table({ width: { size: TEXT_WIDTH_TWIP, type: WidthType.DXA }, columnWidths: widths,
        rows: [new TableRow({ tableHeader: true, children: b.columns.map((c, i) => cell([c], i, true)) }), ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i)) }))] })];
    }
    case 'exhibit': {
      const scale = Math.min(1, IMAGE_MAX.width / b.width, IMAGE_MAX.height / b.height);
      return [
        new Paragraph({ children: [new PageBreak()] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: b.png, transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) } })] }),
        new Paragraph({ spacing: { before: 120 }, children: runs(D, [b.caption], 20) }),
      ];
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

export async function renderDocx(doc: Doc): Promise<Buffer> {
  const D = await import('docx');
  const { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } = D;
  const document = new Document({
    title: doc.title, creator: 'guzheng', description: doc.title,
    styles: { default: { document: { run: { font: BODY, size: 24, language: ZH_CN } } } },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1247, left: 1418, right: 1247 } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页'], font: BODY, size: 18 })] })] }) },
      children: doc.blocks.flatMap((b) => toDocx(D, b)),
    }],
  });
  return Packer.toBuffer(document);
}
