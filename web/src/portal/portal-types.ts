import type { Money } from '../api/index.js';

export interface PortalSession {
  principalId: string;
  platformId: string;
  platformName: string;
  customerId: string;
  externalRef: string;
}

export interface PortalAccount {
  id: string;
  currency: string;
  balance: { posted: Money; pending: Money; available: Money };
}

export interface PaymentRequest {
  id: string;
  type: string;
  payerAccountId: string;
  payeeAccountId: string | null;
  bankAccountId: string | null;
  amount: Money;
  purpose: string;
  expiresAt: string;
  createdAt: string;
  status: string;
  instructionId: string | null;
}

/** One of the customer's passkeys as the portal lists it (the key itself stays on the device). */
export interface PortalPasskey {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
}
