import type { StatementUploadReply } from '../api/index.js';

/**
 * The server keeps a file's hash, not its name, and lists imports without their accounts.
 * Uploads made from this browser remember both here so the imports table can show them.
 */
const STORAGE_KEY = 'custos.recon.uploads';
const REMEMBERED_MAX = 200;

export interface RememberedUpload {
  fileName: string;
  accounts: string[];
  linesImported: number;
}

function readAll(): Record<string, RememberedUpload> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, RememberedUpload>)
      : {};
  } catch {
    return {};
  }
}

export function rememberUpload(reply: StatementUploadReply, fileName: string): void {
  const all = readAll();
  // A repeated file keeps what its first upload recorded (lines imported then, not 0 now).
  if (reply.duplicateFile && all[reply.importId] !== undefined) return;
  all[reply.importId] = {
    fileName,
    accounts: [...new Set(reply.statements.map((statement) => statement.custodyAccountId))],
    linesImported: reply.linesImported,
  };
  const kept = Object.entries(all)
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, REMEMBERED_MAX);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or disabled: the table shows "—" for the name, nothing else changes.
  }
}

export function rememberedUpload(importId: string): RememberedUpload | null {
  return readAll()[importId] ?? null;
}
