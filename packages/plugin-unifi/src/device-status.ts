/**
 * Device status as SPEC §4 wants it: lowercase words joined by "_" (`online`, `offline`,
 * `pending_adoption`, `u5g_incorrect_topology`). Site Manager already sends lowercase; the
 * integration API sends ONLINE/OFFLINE/…; a missing status is `unknown`.
 */
export function normalizeDeviceStatus(status: string | null | undefined): string {
  const words = (status ?? "")
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return words || "unknown";
}
