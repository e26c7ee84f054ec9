export const STATEMENT_LANGUAGES = ['en', 'zh-CN'] as const;
export type StatementLanguage = (typeof STATEMENT_LANGUAGES)[number];

export interface StatementLabels {
  title: string;
  platform: string;
  account: string;
  customer: string;
  currency: string;
  period: string;
  generated: string;
  opening: string;
  closing: string;
  credits: string;
  debits: string;
  date: string;
  time: string;
  description: string;
  reference: string;
  amount: string;
  balance: string;
  noEntries: string;
  page: string;
  footer: string;
  types: Record<string, string>;
}

const EN: StatementLabels = {
  title: 'Account statement',
  platform: 'Platform',
  account: 'Account',
  customer: 'Customer',
  currency: 'Currency',
  period: 'Period',
  generated: 'Generated',
  opening: 'Opening balance',
  closing: 'Closing balance',
  credits: 'Total credits',
  debits: 'Total debits',
  date: 'Date',
  time: 'Time (CST)',
  description: 'Description',
  reference: 'Reference',
  amount: 'Amount',
  balance: 'Balance',
  noEntries: 'No movements in this period.',
  page: 'Page',
  footer:
    'Dates and times in China Standard Time (UTC+8). Posted movements only; holds are not shown until they post.',
  types: {
    deposit: 'Deposit',
    withdrawal: 'Withdrawal',
    transfer: 'Transfer',
    fee: 'Fee',
    reserve_contribution: 'Reserve contribution',
    reserve_payout: 'Reserve payout',
    reversal: 'Reversal',
  },
};

const ZH_CN: StatementLabels = {
  title: '账户对账单',
  platform: '平台',
  account: '账户',
  customer: '客户',
  currency: '币种',
  period: '期间',
  generated: '生成时间',
  opening: '期初余额',
  closing: '期末余额',
  credits: '贷方合计',
  debits: '借方合计',
  date: '日期',
  time: '时间（北京时间）',
  description: '摘要',
  reference: '流水号',
  amount: '金额',
  balance: '余额',
  noEntries: '本期无交易。',
  page: '页',
  footer: '日期和时间均为北京时间（UTC+8）。仅列示已入账的交易；冻结中的款项入账后才显示。',
  types: {
    deposit: '存入',
    withdrawal: '提现',
    transfer: '转账',
    fee: '手续费',
    reserve_contribution: '风险准备金缴存',
    reserve_payout: '风险准备金赔付',
    reversal: '冲正',
  },
};

export function statementLabels(language: StatementLanguage): StatementLabels {
  return language === 'zh-CN' ? ZH_CN : EN;
}

/** "Transfer — loan repayment": the instruction type in the statement's language, and purpose. */
export function entryDescription(labels: StatementLabels, type: string, purpose: string): string {
  return `${labels.types[type] ?? type} — ${purpose}`;
}
