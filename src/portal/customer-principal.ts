import { newId, type Queryable } from '../store/index.js';

/**
 * The principal a customer signs in as: one per customer, kind and role `customer`, bound to
 * the customer's platform. Created with the first enrolment link.
 */
export async function ensureCustomerPrincipal(
  tx: Queryable,
  platformId: string,
  customerId: string,
  externalRef: string,
): Promise<string> {
  const existing = await tx.query<{ principal_id: string }>(
    'SELECT principal_id FROM customer_principals WHERE customer_id = $1 AND platform_id = $2',
    [customerId, platformId],
  );
  const found = existing[0]?.principal_id;
  if (found !== undefined) return found;
  const principalId = newId('cpr');
  await tx.query(
    `INSERT INTO principals (id, platform_id, kind, name, role, activated_at)
     VALUES ($1, $2, 'customer', $3, 'customer', now())`,
    [principalId, platformId, `customer ${externalRef}`.slice(0, 200)],
  );
  await tx.query(
    'INSERT INTO customer_principals (principal_id, platform_id, customer_id) VALUES ($1, $2, $3)',
    [principalId, platformId, customerId],
  );
  return principalId;
}
