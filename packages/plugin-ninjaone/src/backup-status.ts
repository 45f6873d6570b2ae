import type { BackupStatus } from "@notion-ops/core";
import { epochMillis } from "./epoch-time.js";
import type { NinjaOneBackupJob } from "./schemas/backup-job.js";
import type { NinjaOneDevice } from "./schemas/device.js";

export type BackupOutcome = "succeeded" | "failed" | "in_progress" | "unrecognised";

const SUCCEEDED = new Set(["COMPLETED", "SUCCESS", "SUCCEEDED"]);
const FAILED = new Set(["FAILED", "CANCELED", "CANCELLED", "ERROR"]);
const IN_PROGRESS = new Set(["PROCESSING", "RUNNING", "IN_PROGRESS", "PENDING", "QUEUED"]);

/**
 * What a job's `jobStatus` says about the backup: COMPLETED succeeded; FAILED or CANCELED
 * failed (no backup was taken); PROCESSING/RUNNING is still in progress and is not judged.
 */
export function backupOutcome(jobStatus: string): BackupOutcome {
  const status = jobStatus.trim().toUpperCase();
  if (SUCCEEDED.has(status)) return "succeeded";
  if (FAILED.has(status)) return "failed";
  if (IN_PROGRESS.has(status)) return "in_progress";
  return "unrecognised";
}

/** Site status from the latest finished job of each backup plan of each device. */
export function siteBackupStatus(latest: readonly ("succeeded" | "failed")[]): BackupStatus {
  if (latest.length === 0) return "unknown";
  const failed = latest.filter((outcome) => outcome === "failed").length;
  if (failed === 0) return "success";
  return failed === latest.length ? "failed" : "partial";
}

export interface BackupTally {
  /** Organizations with at least one finished job; any other organization is `unknown`. */
  byOrganization: Map<number, BackupStatus>;
  /** jobStatus values not recognised (those jobs were not judged). */
  unrecognisedStatuses: Set<string>;
  /** Jobs whose organization could not be told (no organizationId and an unknown device). */
  unattributed: number;
}

/**
 * Takes, per device and backup plan, the latest finished job (by end time, else start time) and
 * folds those outcomes into one status per organization.
 */
export function tallyBackups(
  jobs: readonly NinjaOneBackupJob[],
  devices: ReadonlyMap<number, NinjaOneDevice>,
): BackupTally {
  const latest = new Map<string, { organizationId: number; at: number; outcome: "succeeded" | "failed" }>();
  const unrecognisedStatuses = new Set<string>();
  let unattributed = 0;
  for (const job of jobs) {
    const outcome = backupOutcome(job.jobStatus);
    if (outcome === "unrecognised") unrecognisedStatuses.add(job.jobStatus);
    if (outcome !== "succeeded" && outcome !== "failed") continue;
    const organizationId = job.organizationId ?? devices.get(job.deviceId)?.organizationId;
    if (organizationId === undefined || organizationId === null) {
      unattributed++;
      continue;
    }
    const at = epochMillis(job.jobEndTime) ?? epochMillis(job.jobStartTime) ?? 0;
    const key = `${job.deviceId}\u0000${job.planGuid ?? job.planName ?? ""}`;
    const previous = latest.get(key);
    if (!previous || at > previous.at) latest.set(key, { organizationId, at, outcome });
  }
  const outcomes = new Map<number, ("succeeded" | "failed")[]>();
  for (const { organizationId, outcome } of latest.values()) {
    const list = outcomes.get(organizationId) ?? [];
    list.push(outcome);
    outcomes.set(organizationId, list);
  }
  const byOrganization = new Map<number, BackupStatus>();
  for (const [organizationId, list] of outcomes) byOrganization.set(organizationId, siteBackupStatus(list));
  return { byOrganization, unrecognisedStatuses, unattributed };
}
