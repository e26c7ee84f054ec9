import { appendAuditRecords } from '../audit/audit-record-store.js';
import {
  ComplaintRefusal,
  refusable,
  type ComplaintResult,
} from '../complaints/complaint-error.js';
import { openText } from '../complaints/sealed-text.js';
import {
  openPersonalData,
  PERSONAL_FIELD_LENGTH_MAX,
  personalDataVaultOf,
  sealPersonalData,
  type PersonalData,
} from '../security/personal-data.js';
import type { Database } from '../store/index.js';
import { closeRequest, lockOpenRequest } from './privacy-requests.js';
import { CORRECTABLE_FIELDS, type Correction } from './privacy-types.js';

/**
 * Applies a verified correction (PIPL Art. 46) to the customer's personal data, through the
 * personal-data module (sealed again under the active key, blind indexes recomputed). The
 * audit record and the answer name the fields changed, never their values.
 */
export async function completeCorrection(
  db: Database,
  actor: string,
  platformId: string,
  requestId: string,
  nowMs = Date.now(),
): Promise<ComplaintResult<{ fieldsChanged: string[] }>> {
  return refusable(db, async (tx) => {
    const request = await lockOpenRequest(tx, platformId, requestId, 'correction');
    if (request.correction_sealed === null)
      throw new Error(`correction ${requestId} has no values`);
    const correction = JSON.parse(
      await openText(
        tx,
        { table: 'privacy_requests', column: 'correction', recordId: requestId, platformId },
        request.correction_sealed,
      ),
    ) as Correction;
    const rows = await tx.query<{ personal_data: unknown }>(
      'SELECT personal_data FROM customers WHERE id = $1 AND platform_id = $2 FOR UPDATE',
      [request.customer_id, platformId],
    );
    const context = {
      vault: personalDataVaultOf(tx),
      db: tx,
      platformId,
      table: 'customers' as const,
      recordId: request.customer_id,
    };
    const current = await openPersonalData(rows[0]?.personal_data, context);
    const next: PersonalData = { ...current };
    const fieldsChanged: string[] = [];
    for (const field of CORRECTABLE_FIELDS) {
      const value = correction[field];
      if (value === undefined) continue;
      if (value.length === 0 || value.length > PERSONAL_FIELD_LENGTH_MAX)
        throw new ComplaintRefusal({
          code: 'validation_failed',
          message: `${field}: 1 to ${PERSONAL_FIELD_LENGTH_MAX} characters`,
        });
      if (current[field] !== value) fieldsChanged.push(field);
      next[field] = value;
    }
    if (fieldsChanged.length > 0) {
      const sealed = await sealPersonalData(next, context);
      await tx.query('UPDATE customers SET personal_data = $3 WHERE id = $1 AND platform_id = $2', [
        request.customer_id,
        platformId,
        JSON.stringify(sealed),
      ]);
    }
    const answer = { corrected: true, fieldsChanged };
    await closeRequest(tx, requestId, 'completed', actor, answer, nowMs);
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'privacy_request.corrected',
        subjectType: 'privacy_request',
        subjectId: requestId,
        payload: { customerId: request.customer_id, ...answer },
        atMs: nowMs,
      },
      {
        platformId,
        actor,
        action: 'customer.personal_data_corrected',
        subjectType: 'customer',
        subjectId: request.customer_id,
        payload: { requestId, fieldsChanged },
        atMs: nowMs,
      },
    ]);
    return { fieldsChanged };
  });
}
