import fs from 'node:fs';
import { loadOnFirstUse } from '../../load-on-first-use.js';
import { formatAmount } from '../../money/index.js';
import type { StatementData } from './statement-data.js';
import { entryDescription, statementLabels, type StatementLanguage } from './statement-labels.js';
import { cstDate } from './statement-period.js';

/** Debian's fonts-wqy-microhei: a TrueType collection; pdfkit picks a face by PostScript name. */
export const CJK_FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const CJK_FONT_FACE = 'WenQuanYiMicroHei';

export interface PdfOptions {
  /** Defaults to CJK_FONT_FILE; required for zh-CN statements. */
  cjkFontFile?: string;
  /** Compress content streams (default true; tests read the text uncompressed). */
  compress?: boolean;
}

export class StatementFontMissing extends Error {
  override name = 'StatementFontMissing';
}

/** pdfkit and its font parsers, loaded with the first PDF statement. */
const pdfLibrary = loadOnFirstUse(() => import('pdfkit'));

const MARGIN = 48;
const COLUMNS = [
  { key: 'date', width: 70, align: 'left' },
  { key: 'description', width: 185, align: 'left' },
  { key: 'reference', width: 110, align: 'left' },
  { key: 'amount', width: 66, align: 'right' },
  { key: 'balance', width: 68, align: 'right' },
] as const;

/**
 * The statement as an A4 PDF: header, opening and closing balances with the period's totals,
 * one row per posted movement with the running balance, page numbers. Chinese text uses the
 * embedded WenQuanYi Micro Hei face; English the standard Helvetica.
 */
export async function statementPdf(
  statement: StatementData,
  language: StatementLanguage,
  options: PdfOptions = {},
): Promise<Buffer> {
  const labels = statementLabels(language);
  const fontFile = options.cjkFontFile ?? CJK_FONT_FILE;
  const cjk = language === 'zh-CN';
  if (cjk && !fs.existsSync(fontFile))
    throw new StatementFontMissing(`the Chinese font ${fontFile} is not installed`);
  const { default: PDFDocument } = await pdfLibrary();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    info: {
      Title: `${labels.title} ${statement.accountId}`,
      Producer: 'Custos',
      Creator: 'Custos',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (cjk) doc.registerFont('body', fontFile, CJK_FONT_FACE);
  else doc.registerFont('body', 'Helvetica');
  doc.font('body');
  const money = (minor: bigint) => formatAmount(minor, statement.currency);

  doc.fontSize(16).text(labels.title);
  doc.moveDown(0.4).fontSize(9);
  const facts: [string, string][] = [
    [labels.platform, statement.platformName],
    [labels.account, statement.accountId],
    ...(statement.customerRef === null
      ? []
      : [[labels.customer, statement.customerRef] as [string, string]]),
    [labels.currency, statement.currency],
    [labels.period, `${statement.period.from} – ${statement.period.to}`],
    [labels.generated, statement.generatedAt.replace('T', ' ').slice(0, 19) + ' UTC'],
  ];
  for (const [label, value] of facts) doc.text(`${label}: ${value}`);
  doc.moveDown(0.6).fontSize(10);
  const summary: [string, string][] = [
    [labels.opening, money(statement.openingBalanceMinor)],
    [labels.credits, money(statement.creditsMinor)],
    [labels.debits, money(statement.debitsMinor)],
    [labels.closing, money(statement.closingBalanceMinor)],
  ];
  for (const [label, value] of summary) {
    const y = doc.y;
    doc.text(label, MARGIN, y, { width: 200 });
    doc.text(value, MARGIN + 200, y, { width: 120, align: 'right' });
  }
  doc.moveDown(1);

  const header = {
    date: labels.date,
    description: labels.description,
    reference: labels.reference,
    amount: labels.amount,
    balance: labels.balance,
  };
  const bottom = doc.page.height - MARGIN - 30;
  const row = (values: Record<(typeof COLUMNS)[number]['key'], string>, bold: boolean) => {
    doc.fontSize(bold ? 8.5 : 8);
    const heights = COLUMNS.map((c) => doc.heightOfString(values[c.key], { width: c.width - 4 }));
    const height = Math.max(...heights) + 4;
    if (doc.y + height > bottom) {
      doc.addPage();
      doc.font('body');
    }
    const y = doc.y;
    let x = MARGIN;
    for (const column of COLUMNS) {
      doc.text(values[column.key], x, y, { width: column.width - 4, align: column.align });
      x += column.width;
    }
    doc.y = y + height;
    doc.x = MARGIN;
  };
  row(header, true);
  doc
    .moveTo(MARGIN, doc.y - 2)
    .lineTo(doc.page.width - MARGIN, doc.y - 2)
    .stroke();
  if (statement.entries.length === 0) doc.fontSize(9).text(labels.noEntries, MARGIN, doc.y + 4);
  for (const entry of statement.entries) {
    row(
      {
        date: cstDate(Date.parse(entry.at)),
        description: entryDescription(labels, entry.type, entry.purpose),
        reference: entry.instructionId,
        amount: money(entry.amountMinor),
        balance: money(entry.balanceAfterMinor),
      },
      false,
    );
  }
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    doc.page.margins.bottom = 0;
    doc
      .fontSize(7)
      .text(
        `${labels.footer}    ${labels.page} ${index + 1} / ${range.count}`,
        MARGIN,
        doc.page.height - MARGIN - 14,
        { width: doc.page.width - 2 * MARGIN, lineBreak: false },
      );
  }
  doc.end();
  return done;
}
