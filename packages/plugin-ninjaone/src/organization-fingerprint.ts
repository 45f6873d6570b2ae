import { configFingerprint } from "@notion-ops/core";
import type { NinjaOneDevice } from "./schemas/device.js";
import type { NinjaOneOrganization } from "./schemas/organization.js";

/**
 * The configuration NinjaOne shows for an organization, as a fingerprint for drift detection:
 * its node approval mode, and the distinct combinations of node class, role, policy and approval
 * status among its devices. Enrolling another device like the existing ones does not change it;
 * a new combination, a policy or role change, or another approval mode does. Volatile values
 * (contact times, online state, addresses, names) are not part of it.
 */
export function organizationFingerprint(
  organization: Pick<NinjaOneOrganization, "nodeApprovalMode">,
  devices: readonly NinjaOneDevice[],
): string {
  const assignments = new Map<string, Record<string, unknown>>();
  for (const device of devices) {
    const assignment = {
      nodeClass: device.nodeClass ?? null,
      nodeRoleId: device.nodeRoleId ?? null,
      rolePolicyId: device.rolePolicyId ?? null,
      policyId: device.policyId ?? null,
      approvalStatus: device.approvalStatus ?? null,
    };
    assignments.set(JSON.stringify(assignment), assignment);
  }
  return configFingerprint({
    nodeApprovalMode: organization.nodeApprovalMode ?? null,
    deviceAssignments: [...assignments.values()],
  });
}
