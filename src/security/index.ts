export {
  API_KEY_LENGTH_MAX,
  authenticateApiKey,
  withSupervision,
  createPrincipalWithKey,
  generateApiKey,
  hashApiKey,
} from './api-keys.js';
export {
  PERSONAL_FIELD_LENGTH_MAX,
  maskText,
  openPersonalData,
  sealPersonalData,
} from './personal-data.js';
export type { PersonalData, SealedPersonalData } from './personal-data.js';
export { canActOnPlatform, platformScope } from './principal.js';
export { STAFF_ROLES } from './permissions.js';
export type { Principal } from './principal.js';
export {
  findCustomersByBankAccountNumber,
  findCustomersByIdNumber,
  findCustomersByPhone,
  openPersonalDataVault,
  personalDataVaultOf,
} from './field-encryption/index.js';
export type { PersonalDataVault } from './field-encryption/index.js';
