/** The Backup Status values of SPEC §4 (select options on Customer Sites and Daily Health). */
export const BACKUP_STATUSES = ["success", "partial", "failed", "unknown"] as const;

export type BackupStatus = (typeof BACKUP_STATUSES)[number];

export interface NormalizedBackupStatus {
  status: BackupStatus;
  /** How the input was read: a known status, missing (null/undefined/empty), or something else. */
  kind: "known" | "missing" | "unexpected";
  /** The input, when it was not a known status (for the breakdown text). */
  raw?: unknown;
}

/**
 * Reads a reported backup status. Known values match case-insensitively after trimming
 * ("Success " is success); anything else is `unknown` (SPEC §5: "unknown or anything else").
 */
export function normalizeBackupStatus(value: unknown): NormalizedBackupStatus {
  if (value === undefined || value === null) return { status: "unknown", kind: "missing" };
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "") return { status: "unknown", kind: "missing" };
    const known = BACKUP_STATUSES.find((status) => status === text);
    if (known) return { status: known, kind: "known" };
  }
  return { status: "unknown", kind: "unexpected", raw: value };
}
