import type { ControlTest } from './control-test.js';
import { auditLogVerifies } from './test-audit-log.js';
import { closedCaseDisposition } from './test-case-disposition.js';
import { customerDebitAuthorized } from './test-debit-authorized.js';
import { fourEyesRespected } from './test-four-eyes.js';
import { personalDataEncrypted } from './test-personal-data.js';
import { reconciliationRan, safeguardingMatched } from './test-reconciliation.js';
import { lvtrFiledOnTime, strFiledOnTime } from './test-reports-on-time.js';
import { retentionHandled } from './test-retention.js';

/** Every automated control test Custos can run, by kind. */
export const CONTROL_TESTS: ReadonlyMap<string, ControlTest> = new Map(
  [
    customerDebitAuthorized,
    reconciliationRan,
    safeguardingMatched,
    lvtrFiledOnTime,
    strFiledOnTime,
    closedCaseDisposition,
    personalDataEncrypted,
    retentionHandled,
    fourEyesRespected,
    auditLogVerifies,
  ].map((test) => [test.kind, test]),
);
