import type { NinjaOneAlert } from "./schemas/alert.js";
import type { NinjaOneDevice } from "./schemas/device.js";

export type AlertSeverity = "critical" | "warning";

/** Device classes whose going offline stops a service for the whole site. */
export const CRITICAL_WHEN_OFFLINE_NODE_CLASSES: ReadonlySet<string> = new Set([
  "WINDOWS_SERVER",
  "LINUX_SERVER",
  "MAC_SERVER",
  "VMWARE_VM_HOST",
  "HYPERV_VMM_HOST",
]);

/**
 * NinjaOne alerts carry no severity, so one is derived (see README, "Alert counts"):
 * - critical: the alert's device has device-health status UNHEALTHY, or the alert is
 *   AGENT_OFFLINE on a server or hypervisor host;
 * - warning: every other alert.
 */
export function alertSeverity(
  alert: Pick<NinjaOneAlert, "sourceType">,
  nodeClass: string | undefined,
  healthStatus: string | undefined,
): AlertSeverity {
  if (healthStatus?.toUpperCase() === "UNHEALTHY") return "critical";
  if (
    alert.sourceType === "AGENT_OFFLINE" &&
    nodeClass &&
    CRITICAL_WHEN_OFFLINE_NODE_CLASSES.has(nodeClass)
  ) {
    return "critical";
  }
  return "warning";
}

export interface AlertCounts {
  critical: number;
  warning: number;
}

export interface AlertTally {
  byOrganization: Map<number, AlertCounts>;
  /** Alerts whose device (and so organization) is unknown: not counted anywhere. */
  unattributed: number;
}

/**
 * Counts alerts per organization. An alert belongs to the organization of its device (from the
 * device list, else the device embedded in the alert); each alert uid is counted once.
 */
export function tallyAlerts(
  alerts: readonly NinjaOneAlert[],
  devices: ReadonlyMap<number, NinjaOneDevice>,
  healthByDevice: ReadonlyMap<number, string> | undefined,
): AlertTally {
  const byOrganization = new Map<number, AlertCounts>();
  const seen = new Set<string>();
  let unattributed = 0;
  for (const alert of alerts) {
    if (seen.has(alert.uid)) continue;
    seen.add(alert.uid);
    const device =
      alert.deviceId === undefined || alert.deviceId === null ? undefined : devices.get(alert.deviceId);
    const organizationId = device?.organizationId ?? alert.device?.organizationId ?? undefined;
    if (organizationId === undefined) {
      unattributed++;
      continue;
    }
    const nodeClass = device?.nodeClass ?? alert.device?.nodeClass ?? undefined;
    const health =
      alert.deviceId === undefined || alert.deviceId === null
        ? undefined
        : healthByDevice?.get(alert.deviceId);
    const counts = byOrganization.get(organizationId) ?? { critical: 0, warning: 0 };
    counts[alertSeverity(alert, nodeClass, health)]++;
    byOrganization.set(organizationId, counts);
  }
  return { byOrganization, unattributed };
}
