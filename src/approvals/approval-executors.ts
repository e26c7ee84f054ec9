import { executeCaseClose } from '../cases/case-close.js';
import { executeFreezeLift } from '../custody/freeze-ops.js';
import { executeHeldRelease } from '../custody/hold-ops.js';
import { executeKriThresholds } from '../monitor-service/kri-thresholds.js';
import { executeRuleActivation } from '../monitor-service/rule-store.js';
import { executeReportSubmit } from '../reports/index.js';
import { executeRiskOverride } from '../customer-risk/risk-override.js';
import { executeRiskInputChange } from '../customer-risk/input-change.js';
import { executeModelSave } from '../customer-risk/model-change.js';
import { executeRetentionApproval } from '../compliance/retention/retention-approval.js';
import { executeHoldRelease } from '../compliance/retention/hold-release-approval.js';
import { executeReconAdjustment } from '../recon/books/break-adjustment.js';
import { executeApiKeyActivation, executeRoleGrant } from '../security/staff-admin.js';
import type { Principal } from '../security/index.js';
import type { Queryable } from '../store/index.js';
import type { ApprovalAction, ApprovalRow } from './approval-actions.js';

/** Carries out an approved request inside the deciding transaction. */
export type ApprovalExecutor = (
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
) => Promise<void>;

/**
 * The executor of each action, or undefined for actions whose module is not part of this
 * build (opening such a request is refused). Resolved when called, so modules that open
 * requests may import `approvals.ts` without an import cycle at load time.
 */
export function approvalExecutor(action: ApprovalAction): ApprovalExecutor | undefined {
  switch (action) {
    case 'freeze.lift':
      return executeFreezeLift;
    case 'recon.adjust':
      return (tx, approval, decider) => executeReconAdjustment(tx, approval, decider.id);
    case 'instruction.release':
      return executeHeldRelease;
    case 'principal.role_grant':
      return executeRoleGrant;
    case 'api_key.activate':
      return executeApiKeyActivation;
    case 'rule.activate':
      return executeRuleActivation;
    case 'kri.thresholds':
      return executeKriThresholds;
    case 'case.close':
      return executeCaseClose;
    case 'report.submit':
      return executeReportSubmit;
    case 'risk_rating.override':
      return executeRiskOverride;
    case 'risk_rating.input_change':
      return executeRiskInputChange;
    case 'risk_rating.model':
      return executeModelSave;
    case 'retention.execute':
      return executeRetentionApproval;
    case 'retention.hold_release':
      return executeHoldRelease;
    default:
      return undefined;
  }
}
