export {
  BLIND_INDEX_BITS,
  BLIND_INDEX_NAMES,
  blindIndexValue,
  deriveBlindIndexKey,
  normalizeAccountNumber,
  normalizeForIndex,
  normalizeIdNumber,
  normalizePhone,
} from './blind-index.js';
export type { BlindIndexName } from './blind-index.js';
export {
  decryptField,
  encryptField,
  FIELD_CIPHERTEXT_PREFIX,
  FieldDecryptionError,
  fieldAad,
  fieldKeyVersion,
} from './field-cipher.js';
export type { FieldLocation } from './field-cipher.js';
export {
  findCustomersByBankAccountNumber,
  findCustomersByIdNumber,
  findCustomersByPhone,
  LOOKUP_CANDIDATES_MAX,
} from './find-customers.js';
export { KEYS_CACHED_MAX, Keyring } from './keyring.js';
export {
  localMasterKeyId,
  localMasterKeyProvider,
  MASTER_KEY_BYTES,
} from './local-master-key-provider.js';
export { DATA_KEY_BYTES, KeyUnwrapError } from './master-key-provider.js';
export type {
  MasterKeyProvider,
  UnwrapContext,
  WrapContext,
  WrappedKeyPurpose,
} from './master-key-provider.js';
export {
  loadLocalMasterKey,
  MASTER_KEY_FILE_DEFAULT,
  masterKeyOptionsFromEnv,
} from './master-key-source.js';
export type { LoadedMasterKey, MasterKeyOptions } from './master-key-source.js';
export {
  bindPersonalDataVault,
  createPersonalDataVault,
  openPersonalDataVault,
  personalDataVaultOf,
} from './personal-data-vault.js';
export type { PersonalDataVault } from './personal-data-vault.js';
export { REENCRYPT_BATCH_SIZE_DEFAULT, rotateDataKeys } from './rotate-data-keys.js';
export type { PlatformRotation, RotationOptions, RotationProgress } from './rotate-data-keys.js';
export { REENCRYPT_BATCH_SIZE_MAX } from './reencrypt-batch.js';
export { openConfiguredVault } from './open-configured-vault.js';
export type { ConfiguredVault } from './open-configured-vault.js';
