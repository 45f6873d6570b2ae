import { z } from "zod";
import { epochTimestamp, lenient, vendorId } from "./lenient.js";

/** An item of `GET /v2/alerts` (a bare array, not paged). Alerts carry no severity. */
export const alertSchema = z.looseObject({
  uid: z.string().min(1),
  deviceId: lenient(vendorId),
  /** AGENT_OFFLINE, CONDITION_AGENT_CPU, CONDITION_WINDOWS_EVENT_LOG_TRIGGERED, … */
  sourceType: lenient(z.string()),
  subject: lenient(z.string()),
  createTime: epochTimestamp,
  device: lenient(
    z.looseObject({
      organizationId: lenient(vendorId),
      nodeClass: lenient(z.string()),
    }),
  ),
});
export type NinjaOneAlert = z.infer<typeof alertSchema>;
