import { apiRequest, withQuery } from './api-client.js';
import type { ReasonBody } from './types.js';
import type {
  ApiKeyInfo,
  ApiKeyRotated,
  NewStaffMember,
  StaffCreated,
  StaffMember,
} from './staff-types.js';

const segment = encodeURIComponent;

export function listStaff(signal?: AbortSignal): Promise<{ items: StaffMember[] }> {
  return apiRequest('/v1/staff', { signal });
}

/** Adds a member of staff; the role takes effect once a second admin approves. */
export function addStaffMember(body: NewStaffMember): Promise<StaffCreated> {
  return apiRequest('/v1/staff', { method: 'POST', body });
}

export function requestRoleChange(
  principalId: string,
  body: { role: string; platformIds?: string[]; reason: string },
): Promise<{ approvalId: string }> {
  return apiRequest(`/v1/staff/${segment(principalId)}/role`, { method: 'POST', body });
}

export function disableStaffMember(principalId: string, body: ReasonBody): Promise<unknown> {
  return apiRequest(`/v1/staff/${segment(principalId)}/disable`, { method: 'POST', body });
}

export function listApiKeys(
  principalId: string | null,
  signal?: AbortSignal,
): Promise<{ items: ApiKeyInfo[] }> {
  return apiRequest(withQuery('/v1/api-keys', { principalId }), { signal });
}

/** A new key for a principal, inactive until a second person approves; shown only now. */
export function rotateApiKey(
  principalId: string,
  body: { label: string; overlapMs?: number; reason: string },
): Promise<ApiKeyRotated> {
  return apiRequest(`/v1/principals/${segment(principalId)}/api-keys`, {
    method: 'POST',
    body,
  });
}

export function revokeApiKey(keyId: string, body: ReasonBody): Promise<unknown> {
  return apiRequest(`/v1/api-keys/${segment(keyId)}/revoke`, { method: 'POST', body });
}
