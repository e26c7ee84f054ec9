import {
  countRows,
  countViolations,
  verdict,
  windowEvidence,
  windowParams,
  type ControlTest,
} from './control-test.js';

// Each four-eyes decision of the platform in the window, as (id, requester, decider).
const DECISIONS = `
  SELECT 'approval:' || id AS id, requested_by AS requester, decided_by AS decider
  FROM approvals WHERE platform_id = $1 AND status = 'approved'
    AND decided_at >= $2::timestamptz AND decided_at < $3::timestamptz
  UNION ALL
  SELECT 'freeze:' || id, lifted_by, lift_approved_by
  FROM freezes WHERE platform_id = $1 AND lifted_at IS NOT NULL
    AND lifted_at >= $2::timestamptz AND lifted_at < $3::timestamptz
  UNION ALL
  SELECT 'case:' || id, closed_by, close_approved_by
  FROM cases WHERE platform_id = $1 AND state = 'closed' AND close_approved_by IS NOT NULL
    AND closed_at >= $2::timestamptz AND closed_at < $3::timestamptz
  UNION ALL
  SELECT 'report:' || id, submit_requested_by, approved_by
  FROM reports WHERE platform_id = $1 AND approved_by IS NOT NULL
    AND approved_at >= $2::timestamptz AND approved_at < $3::timestamptz`;

/**
 * Every approval decided in the window — approval requests, freeze lifts, case closures and
 * report submissions — was decided by someone other than the person who asked. The tables
 * refuse self-approval where they can; this test is the detective check behind those rules
 * (and covers freeze lifts, whose row has no such constraint).
 */
export const fourEyesRespected: ControlTest = {
  kind: 'four_eyes_respected',
  async run(context) {
    const params = windowParams(context);
    const checked = await countRows(context, DECISIONS, params);
    const violations = await countViolations(
      context,
      `SELECT d.id FROM (${DECISIONS}) d
       WHERE d.decider IS NULL OR d.requester IS NULL OR d.decider = d.requester`,
      params,
    );
    return verdict(checked, violations, { window: windowEvidence(context) });
  },
};
