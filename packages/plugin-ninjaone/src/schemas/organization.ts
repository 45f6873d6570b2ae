import { z } from "zod";
import { lenient, stringList, vendorId } from "./lenient.js";

/** An item of `GET /v2/organizations` (a bare array paged with `after`). */
export const organizationSchema = z.looseObject({
  id: vendorId,
  name: z.string(),
  description: lenient(z.string()),
  /** AUTOMATIC | MANUAL | REJECT */
  nodeApprovalMode: lenient(z.string()),
  tags: stringList,
});
export type NinjaOneOrganization = z.infer<typeof organizationSchema>;
