/**
 * The reconciliation shell: statement imports, match runs, breaks and safeguarding checks
 * over the database. The pure parts live in ../ (parsers) and ../matching.
 */
export { importStatementFile } from './import-statement-file.js';
export type { StatementImportInput, StatementImportSummary } from './import-statement-file.js';
export type { StoredStatement } from './write-statements.js';
export { runReconciliation, MATCHES_IN_REPLY_MAX } from './run-reconciliation.js';
export type { RunOptions, RunSummary } from './run-reconciliation.js';
export { listMatches } from './match-store.js';
export type { MatchView, NewMatch } from './match-store.js';
export { decideMatch } from './match-decision.js';
export { listBreaks } from './break-store.js';
export type { BreakView } from './break-store.js';
export { assignBreak, linkBreak, moveBreakToSuspense } from './break-resolution.js';
export {
  executeReconAdjustment,
  RECON_ADJUST_ACTION,
  requestBreakAdjustment,
} from './break-adjustment.js';
export { ADJUSTMENT_ACCOUNT_TYPES } from './post-recon-entry.js';
export type { AdjustmentAccountType } from './post-recon-entry.js';
export { runSafeguardingCheck } from './safeguarding-check.js';
export type { SafeguardingCheck } from './safeguarding-check.js';
export { assessSafeguarding } from './safeguarding-assessment.js';
export { listSafeguardingChecks } from './safeguarding-history.js';
export type { SafeguardingCheckRow } from './safeguarding-history.js';
export { buildSafeguardingReturn, safeguardingReturnCsv } from './safeguarding-return.js';
export type { SafeguardingReturn } from './safeguarding-return.js';
export { loadReconSettings, RECON_SETTINGS_DEFAULT, saveReconSettings } from './recon-settings.js';
export type { ReconSettings } from './recon-settings.js';
export { loadMatchRules } from './matching-rules-store.js';
export {
  listStatementImports,
  listStatementLines,
  saveCsvMapping,
  loadCsvMapping,
} from './statement-queries.js';
