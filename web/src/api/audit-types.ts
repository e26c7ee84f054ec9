/** Replies of the tamper-evident audit log API (src/api/routes/audit-log.ts). Hashes are base64. */

export interface AuditCosignature {
  witness: string;
  /** The C2SP cosignature line: `— <witness name> <base64 key ID ‖ timestamp ‖ signature>`. */
  line: string;
}

export interface AuditCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: string;
  /** The signed note as served: log signature, then witness cosignatures. */
  note: string;
  createdAt: string;
  cosignatures: AuditCosignature[];
}

export interface AuditEntry {
  leafIndex: number;
  seq: string | null;
  /** Another platform's entry: only its position is shown. */
  withheld: boolean;
  /** RFC 8785 canonical JSON, exactly the leaf data. */
  entry: string | null;
  leafHash: string | null;
}

export interface AuditEntries {
  start: number;
  end: number;
  withheldCount: number;
  note: string | null;
  items: AuditEntry[];
}

export interface AuditInclusionProof {
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  proof: string[];
}

export interface AuditWitness {
  name: string;
  verifierKey: string;
  addedBy: string;
  addedAt: string;
}
