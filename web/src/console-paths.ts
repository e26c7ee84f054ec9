/** Every console URL in one place, so links and routes cannot drift apart. */
export const CONSOLE_ROOT = '/console';

const encode = encodeURIComponent;

export const consolePaths = {
  signIn: `${CONSOLE_ROOT}/sign-in`,
  enrolment: `${CONSOLE_ROOT}/enrolment`,
  platforms: `${CONSOLE_ROOT}/platforms`,
  customers: `${CONSOLE_ROOT}/customers`,
  customer: (id: string) => `${CONSOLE_ROOT}/customers/${encode(id)}`,
  accounts: `${CONSOLE_ROOT}/accounts`,
  account: (id: string) => `${CONSOLE_ROOT}/accounts/${encode(id)}`,
  instructions: `${CONSOLE_ROOT}/instructions`,
  instruction: (id: string) => `${CONSOLE_ROOT}/instructions/${encode(id)}`,
  balances: `${CONSOLE_ROOT}/balances`,
  freezes: `${CONSOLE_ROOT}/freezes`,
  approvals: `${CONSOLE_ROOT}/approvals`,
  staff: `${CONSOLE_ROOT}/staff`,
  apiKeys: `${CONSOLE_ROOT}/api-keys`,
} as const;

/** The page to open after signing in or choosing a platform, if it is a console page. */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith(`${CONSOLE_ROOT}/`) || next.startsWith('//')) {
    return consolePaths.customers;
  }
  return next;
}
