import { z } from "zod";
import { lenient, vendorId } from "./lenient.js";

export const HEALTH_STATUSES = ["UNKNOWN", "HEALTHY", "NEEDS_ATTENTION", "UNHEALTHY"] as const;

/** A result row of the `GET /v2/queries/device-health` cursor report. */
export const deviceHealthSchema = z.looseObject({
  deviceId: vendorId,
  /** UNKNOWN | HEALTHY | NEEDS_ATTENTION | UNHEALTHY */
  healthStatus: lenient(z.string()),
  offline: lenient(z.boolean()),
  alertCount: lenient(z.number()),
  activeThreatsCount: lenient(z.number()),
  failedOSPatchesCount: lenient(z.number()),
  pendingOSPatchesCount: lenient(z.number()),
});
export type NinjaOneDeviceHealth = z.infer<typeof deviceHealthSchema>;
