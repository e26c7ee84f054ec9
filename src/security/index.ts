export {
  API_KEY_LENGTH_MAX,
  authenticateApiKey,
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
export { STAFF_ROLES, canActOnPlatform } from './principal.js';
export type { Principal } from './principal.js';
