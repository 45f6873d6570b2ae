import { z } from "zod";
import { epochTimestamp, lenient, stringList, vendorId } from "./lenient.js";

/**
 * An item of `GET /v2/devices-detailed` (a bare array paged with `after`). `id`, `organizationId`
 * and `offline` decide where a device counts and how, so they are strict; the rest is lenient.
 */
export const deviceSchema = z.looseObject({
  id: vendorId,
  organizationId: vendorId,
  locationId: lenient(vendorId),
  /** WINDOWS_SERVER, WINDOWS_WORKSTATION, MAC, LINUX_SERVER, VMWARE_VM_HOST, NMS_SWITCH, … */
  nodeClass: lenient(z.string()),
  nodeRoleId: lenient(z.number()),
  rolePolicyId: lenient(z.number()),
  policyId: lenient(z.number()),
  /** PENDING | APPROVED */
  approvalStatus: lenient(z.string()),
  /** Absent means the status is unknown; any other non-boolean is a malformed record. */
  offline: z.boolean().nullish(),
  displayName: lenient(z.string()),
  systemName: lenient(z.string()),
  dnsName: lenient(z.string()),
  netbiosName: lenient(z.string()),
  lastContact: epochTimestamp,
  ipAddresses: stringList,
  macAddresses: stringList,
  os: lenient(
    z.looseObject({
      name: lenient(z.string()),
      manufacturer: lenient(z.string()),
      buildNumber: lenient(z.union([z.string(), z.number()])),
    }),
  ),
  system: lenient(
    z.looseObject({
      manufacturer: lenient(z.string()),
      model: lenient(z.string()),
    }),
  ),
});
export type NinjaOneDevice = z.infer<typeof deviceSchema>;
