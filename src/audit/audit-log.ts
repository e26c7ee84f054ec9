/**
 * The audit log's database shell: appending leaves in the caller's transaction, the live
 * tree for proofs, the signing identity, checkpoints, witnesses, verification and proof
 * export. The pure core is `index.ts`.
 */
export * from './audit-record-store.js';
export * from './audit-log-service.js';
export * from './audit-log-key-store.js';
export * from './audit-log-tree.js';
export * from './audit-checkpoint-store.js';
export * from './audit-entry-store.js';
export * from './audit-witness-store.js';
export * from './audit-log-verify.js';
export * from './audit-proof-export.js';
export * from './witness-client.js';
export * from './audit-log-config.js';
