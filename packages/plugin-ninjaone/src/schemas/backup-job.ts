import { z } from "zod";
import { epochTimestamp, lenient, vendorId } from "./lenient.js";

/** A result row of the `GET /v2/backup/jobs` cursor report. */
export const backupJobSchema = z.looseObject({
  jobId: lenient(z.union([z.string(), z.number()])),
  deviceId: vendorId,
  organizationId: lenient(vendorId),
  /** PROCESSING | RUNNING | COMPLETED | CANCELED | FAILED */
  jobStatus: z.string().min(1),
  jobStartTime: epochTimestamp,
  jobEndTime: epochTimestamp,
  planGuid: lenient(z.string()),
  planName: lenient(z.string()),
  /** IMAGE | FILE_FOLDER */
  planType: lenient(z.string()),
});
export type NinjaOneBackupJob = z.infer<typeof backupJobSchema>;
