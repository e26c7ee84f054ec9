import { ensureCustomerPrincipal } from '../../src/portal/customer-principal.js';
import { createSession, SESSION_COOKIE } from '../../src/security/sessions.js';
import type { Database } from '../../src/store/index.js';

/**
 * A signed-in customer for tests of portal routes: the customer's principal (created when
 * missing) and an active session, as a Cookie header value. Call the API harness with
 * `{ headers: { authorization: '', cookie } }` so the server uses the cookie.
 */
export async function customerSession(
  db: Database,
  platformId: string,
  customerId: string,
): Promise<{ principalId: string; cookie: string; token: string }> {
  return db.transaction(async (tx) => {
    const refs = await tx.query<{ external_ref: string }>(
      'SELECT external_ref FROM customers WHERE id = $1 AND platform_id = $2',
      [customerId, platformId],
    );
    const ref = refs[0]?.external_ref;
    if (ref === undefined) throw new Error(`no customer ${customerId} on ${platformId}`);
    const principalId = await ensureCustomerPrincipal(tx, platformId, customerId, ref);
    const session = await createSession(tx, principalId, 'active', Date.now());
    return { principalId, token: session.token, cookie: `${SESSION_COOKIE}=${session.token}` };
  });
}
