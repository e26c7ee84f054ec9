import { apiRequest, withQuery } from './api-client.js';
import type {
  Account,
  Approval,
  CustomerDetail,
  Customer,
  Freeze,
  Instruction,
  InstructionDetail,
  MeResponse,
  Page,
  Platform,
  ReasonBody,
  Statement,
  TrialBalance,
} from './types.js';

/**
 * One function per API call the console makes. Path segments are encoded here so that pages
 * pass ids as they got them.
 */
const segment = encodeURIComponent;
const platformPath = (platformId: string) => `/v1/platforms/${segment(platformId)}`;

export const LIST_LIMIT = 50;
export const STATEMENT_LIMIT = 100;

export function getMe(
  signal?: AbortSignal,
  apiKey?: string,
  quietUnauthorized = false,
): Promise<MeResponse> {
  return apiRequest('/v1/me', { signal, apiKey, quietUnauthorized });
}

export function listPlatforms(signal?: AbortSignal): Promise<{ items: Platform[] }> {
  return apiRequest('/v1/platforms', { signal });
}

export function listCustomers(
  platformId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<Customer>> {
  const path = `${platformPath(platformId)}/customers`;
  return apiRequest(withQuery(path, { limit: LIST_LIMIT, cursor }), { signal });
}

export function getCustomer(
  platformId: string,
  customerId: string,
  signal?: AbortSignal,
): Promise<CustomerDetail> {
  return apiRequest(`${platformPath(platformId)}/customers/${segment(customerId)}`, { signal });
}

export interface AccountFilter {
  type: string;
  currency: string;
}

export function listAccounts(
  platformId: string,
  filter: AccountFilter,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<Account>> {
  const query = { type: filter.type, currency: filter.currency, cursor };
  return apiRequest(withQuery(`${platformPath(platformId)}/accounts`, query), { signal });
}

export function getStatement(
  platformId: string,
  accountId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Statement> {
  const path = `${platformPath(platformId)}/accounts/${segment(accountId)}/statement`;
  return apiRequest(withQuery(path, { limit: STATEMENT_LIMIT, cursor }), { signal });
}

export function listInstructions(
  platformId: string,
  status: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<Instruction>> {
  const path = `${platformPath(platformId)}/instructions`;
  return apiRequest(withQuery(path, { status, limit: LIST_LIMIT, cursor }), { signal });
}

export function getInstruction(
  platformId: string,
  instructionId: string,
  signal?: AbortSignal,
): Promise<InstructionDetail> {
  const path = `${platformPath(platformId)}/instructions/${segment(instructionId)}`;
  return apiRequest(path, { signal });
}

export type InstructionAction = 'release' | 'void';

export function actOnInstruction(
  platformId: string,
  instructionId: string,
  action: InstructionAction,
  body: ReasonBody,
): Promise<unknown> {
  const path = `${platformPath(platformId)}/instructions/${segment(instructionId)}/${action}`;
  return apiRequest(path, { method: 'POST', body });
}

export function getTrialBalance(platformId: string, signal?: AbortSignal): Promise<TrialBalance> {
  return apiRequest(`${platformPath(platformId)}/balances`, { signal });
}

export function listActiveFreezes(
  platformId: string,
  signal?: AbortSignal,
): Promise<{ items: Freeze[] }> {
  return apiRequest(`${platformPath(platformId)}/freezes?active=true`, { signal });
}

export function requestUnfreeze(
  platformId: string,
  freezeId: string,
  body: ReasonBody,
): Promise<unknown> {
  const path = `${platformPath(platformId)}/freezes/${segment(freezeId)}/lift`;
  return apiRequest(path, { method: 'POST', body });
}

export const APPROVAL_STATUSES = ['open', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export function listApprovals(
  status: ApprovalStatus,
  signal?: AbortSignal,
): Promise<{ items: Approval[] }> {
  return apiRequest(withQuery('/v1/approvals', { status }), { signal });
}

export type ApprovalDecision = 'approve' | 'reject';

export function decideApproval(
  approvalId: string,
  decision: ApprovalDecision,
  body: ReasonBody,
): Promise<unknown> {
  return apiRequest(`/v1/approvals/${segment(approvalId)}/${decision}`, { method: 'POST', body });
}
