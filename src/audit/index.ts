/**
 * Tamper-evident audit log core (Certificate Transparency style): RFC 6962 / RFC 9162 Merkle
 * hashing, compact ranges, stored trees and proofs, C2SP signed-note checkpoints, witness
 * cosignatures and offline proof bundles. Pure: no database, network or clock access.
 */
export * from './audit-limits.js';
export * from './outcome.js';
export { base64ToBytes, bytesEqual, bytesToBase64, bytesToHex, hexToBytes } from './bytes-codec.js';
export * from './merkle-hash.js';
export * from './entry-leaf-hash.js';
export * from './subtree-id.js';
export * from './compact-range.js';
export type * from './tree-hash-reader.js';
export * from './proof-plan.js';
export * from './inclusion-proof.js';
export * from './consistency-proof.js';
export * from './stored-tree.js';
export * from './memoized-leaf-reader.js';
export * from './verify-inclusion.js';
export * from './verify-consistency.js';
export * from './recompute-root.js';
export * from './note-key.js';
export * from './signed-note.js';
export * from './sign-note.js';
export * from './verify-note.js';
export * from './checkpoint.js';
export { cosignatureMessage } from './cosignature-message.js';
export * from './cosignature.js';
export * from './proof-bundle.js';
