import { randomBytes } from 'node:crypto';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { generateApiKey, hashApiKey } from '../security/index.js';
import { hashPassword } from '../security/password.js';
import type { StaffRole } from '../security/permissions.js';
import { newId, type Database } from '../store/index.js';

export interface DemoStaffMember {
  login: string;
  role: StaffRole;
  initialPassword: string;
  apiKey: string;
}

const DEMO_STAFF: readonly { login: string; name: string; role: StaffRole }[] = [
  { login: 'duty.officer', name: 'Duty officer (demo)', role: 'operator' },
  { login: 'risk.analyst', name: 'Risk analyst (demo)', role: 'risk_analyst' },
  { login: 'compliance.officer', name: 'Compliance officer (demo)', role: 'compliance_officer' },
];

/**
 * The demo's other people, so four-eyes steps can be tried at once: an operator, a risk analyst
 * and a compliance officer (the second person of retention and report steps), active from the
 * start (outside the demo, a new member of staff waits for a second admin's approval). Their
 * creation is in the audit log, marked as demo.
 */
export async function createDemoStaff(db: Database): Promise<DemoStaffMember[]> {
  const members: DemoStaffMember[] = [];
  for (const person of DEMO_STAFF) {
    const initialPassword = randomBytes(12).toString('base64url');
    const apiKey = generateApiKey();
    const passwordHash = await hashPassword(initialPassword);
    await db.transaction(async (tx) => {
      const id = newId('stf');
      await tx.query(
        `INSERT INTO principals (id, kind, name, role, login, password_hash, password_changed_at,
           activated_at) VALUES ($1, 'staff', $2, $3, $4, $5, now(), now())`,
        [id, person.name, person.role, person.login, passwordHash],
      );
      await tx.query(
        `INSERT INTO api_keys (id, principal_id, key_hash, label, activated_at)
         VALUES ($1, $2, $3, 'demo', now())`,
        [newId('key'), id, hashApiKey(apiKey)],
      );
      await appendAuditRecords(tx, [
        {
          platformId: null,
          actor: 'system',
          action: 'principal.created',
          subjectType: 'principal',
          subjectId: id,
          payload: { login: person.login, role: person.role, demo: true },
          atMs: Date.now(),
        },
      ]);
    });
    members.push({ login: person.login, role: person.role, initialPassword, apiKey });
  }
  return members;
}
