import {
  countRows,
  countViolations,
  verdict,
  windowEvidence,
  windowParams,
  type ControlTest,
} from './control-test.js';

/** Shortest close reason that says something (the cases table's own rule, checked again). */
export const CLOSE_REASON_CHARS_MIN = 10;

const CLOSED_IN_WINDOW = `SELECT c.* FROM cases c
  WHERE c.platform_id = $1 AND c.state = 'closed'
    AND c.closed_at >= $2::timestamptz AND c.closed_at < $3::timestamptz`;

/**
 * Every case closed in the window (and so every alert in it) has a disposition and a reason
 * (PBOC Order 3 Art. 13), and closures that need a second person — high or critical severity,
 * or a confirmed-and-reported disposition — name an approver other than the closer.
 */
export const closedCaseDisposition: ControlTest = {
  kind: 'closed_case_disposition',
  async run(context) {
    const params = windowParams(context);
    const checked = await countRows(context, CLOSED_IN_WINDOW, params);
    const alerts = await countRows(
      context,
      `SELECT a.id FROM alerts a JOIN (${CLOSED_IN_WINDOW}) c ON c.id = a.case_id`,
      params,
    );
    const violations = await countViolations(
      context,
      `SELECT c.id FROM (${CLOSED_IN_WINDOW}) c
       WHERE c.disposition IS NULL OR c.close_reason IS NULL
          OR length(btrim(c.close_reason)) < ${CLOSE_REASON_CHARS_MIN}
          OR ((c.severity IN ('high', 'critical') OR c.disposition = 'confirmed_reported')
              AND (c.close_approved_by IS NULL OR c.close_approved_by = c.closed_by))`,
      params,
    );
    return verdict(checked, violations, {
      window: windowEvidence(context),
      alertsInClosedCases: alerts,
    });
  },
};
