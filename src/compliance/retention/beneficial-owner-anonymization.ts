import { sealPersonalData, type PersonalDataVault } from '../../security/personal-data.js';
import type { Queryable } from '../../store/index.js';

/** Replaces the sealed personal data of a customer's beneficial owners by empty records. */
export async function anonymizeBeneficialOwners(
  tx: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  customerId: string,
): Promise<number> {
  const owners = await tx.query<{ id: string }>(
    'SELECT id FROM customer_beneficial_owners WHERE customer_id = $1 ORDER BY id FOR UPDATE',
    [customerId],
  );
  for (const owner of owners) {
    const empty = await sealPersonalData(
      {},
      { vault, db: tx, platformId, table: 'customer_beneficial_owners', recordId: owner.id },
    );
    await tx.query(
      'UPDATE customer_beneficial_owners SET personal_data = $2::jsonb, nationality = NULL WHERE id = $1',
      [owner.id, JSON.stringify(empty)],
    );
  }
  return owners.length;
}
