import { latestCheckpoint } from '../../audit/audit-checkpoint-store.js';
import { verifyAuditLog } from '../../audit/audit-log-verify.js';
import type { ControlTest } from './control-test.js';

/**
 * The audit log verifies: the tree recomputed from the stored records matches the head and
 * every signed checkpoint, the latest included. The log is one for the whole installation,
 * so every platform's result reflects the same walk.
 */
export const auditLogVerifies: ControlTest = {
  kind: 'audit_log_verifies',
  async run(context) {
    const checkpoint = await latestCheckpoint(context.db);
    const report = await verifyAuditLog(context.db);
    return {
      outcome: report.ok ? 'pass' : 'fail',
      evidence: {
        checked: report.recordCount,
        violations: report.problemCount,
        sampleIds: report.problems.slice(0, 20).map((p) => `${p.kind}:${p.leafIndex ?? '-'}`),
        latestCheckpointTreeSize: checkpoint?.treeSize ?? null,
        latestCheckpointAt: checkpoint?.createdAt ?? null,
        checkpointsChecked: report.checkpointsChecked,
        headTreeSize: report.headTreeSize,
        rootHashHex: report.rootHashHex,
        firstBadIndex: report.firstBadIndex,
      },
    };
  },
};
