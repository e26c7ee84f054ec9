/**
 * Bounds the portal checks before sending; the server checks them again. A personal field's
 * length is the server's PERSONAL_FIELD_LENGTH_MAX (src/security/personal-data.ts, which the
 * browser bundle cannot import: it pulls in the field-encryption vault).
 */
export const SELF_SERVICE_LIMITS = {
  personalFieldLengthMax: 200,
} as const;
