import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { portalRequest } from './portal-api.js';
import type {
  PaymentRequest,
  PortalAccount,
  PortalPasskey,
  PortalSession,
} from './portal-types.js';

export const getPortalSession = (signal?: AbortSignal) =>
  portalRequest<PortalSession>('/v1/portal/session', { ...(signal ? { signal } : {}) });

export const signOutOfPortal = () =>
  portalRequest<void>('/v1/portal/session', { method: 'DELETE' });

export const getPortalAccounts = (signal: AbortSignal) =>
  portalRequest<{ items: PortalAccount[] }>('/v1/portal/accounts', { signal });

export const getPaymentRequests = (status: 'awaiting' | 'all', signal: AbortSignal) =>
  portalRequest<{ items: PaymentRequest[] }>(`/v1/portal/payment-requests?status=${status}`, {
    signal,
  });

export const getPortalPasskeys = (signal: AbortSignal) =>
  portalRequest<{ items: PortalPasskey[] }>('/v1/portal/passkeys', { signal });

/** Revokes one of the customer's passkeys; the server keeps the last one. */
export const removePortalPasskey = (credentialId: string) =>
  portalRequest<void>(`/v1/portal/passkeys/${encodeURIComponent(credentialId)}`, {
    method: 'DELETE',
  });

/** Registers a passkey on this device for the customer behind the enrolment link. */
export async function enrolPasskey(token: string): Promise<void> {
  const optionsJSON = await portalRequest<PublicKeyCredentialCreationOptionsJSON>(
    '/v1/portal/enrolment/options',
    { method: 'POST', body: { token } },
  );
  const response = await startRegistration({ optionsJSON });
  await portalRequest('/v1/portal/enrolment', { method: 'POST', body: { token, response } });
}

/** Signs in with any passkey of this site: the browser offers the customer's passkeys. */
export async function signInWithPasskey(): Promise<void> {
  const optionsJSON = await portalRequest<PublicKeyCredentialRequestOptionsJSON>(
    '/v1/portal/sign-in/options',
    { method: 'POST', body: {} },
  );
  const response = await startAuthentication({ optionsJSON });
  await portalRequest('/v1/portal/sign-in', { method: 'POST', body: { response } });
}

/** Signs this exact payment request with the passkey; the instruction posts on success. */
export async function authorizeWithPasskey(requestId: string): Promise<{ instructionId: string }> {
  const base = `/v1/portal/payment-requests/${encodeURIComponent(requestId)}/authorization`;
  const { options } = await portalRequest<{ options: PublicKeyCredentialRequestOptionsJSON }>(
    `${base}/options`,
    { method: 'POST', body: {} },
  );
  const response = await startAuthentication({ optionsJSON: options });
  return portalRequest<{ instructionId: string }>(base, { method: 'POST', body: { response } });
}

export const declinePaymentRequest = (requestId: string) =>
  portalRequest<PaymentRequest>(
    `/v1/portal/payment-requests/${encodeURIComponent(requestId)}/decline`,
    { method: 'POST', body: {} },
  );

export function statementUrl(
  accountId: string,
  query: { month?: string; from?: string; to?: string; format: 'csv' | 'pdf'; language: string },
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, value);
  return `/v1/portal/accounts/${encodeURIComponent(accountId)}/statement?${params.toString()}`;
}
