import { describe, expect, it } from "vitest";
import { alertSeverity, tallyAlerts } from "./alert-severity.js";
import type { NinjaOneAlert } from "./schemas/alert.js";
import type { NinjaOneDevice } from "./schemas/device.js";

describe("alertSeverity", () => {
  it("is critical on an UNHEALTHY device, whatever the alert", () => {
    expect(alertSeverity({ sourceType: "CONDITION_AGENT_CPU" }, "WINDOWS_WORKSTATION", "UNHEALTHY")).toBe(
      "critical",
    );
  });
  it("is critical for AGENT_OFFLINE on servers and hypervisor hosts", () => {
    for (const nodeClass of [
      "WINDOWS_SERVER",
      "LINUX_SERVER",
      "MAC_SERVER",
      "VMWARE_VM_HOST",
      "HYPERV_VMM_HOST",
    ]) {
      expect(alertSeverity({ sourceType: "AGENT_OFFLINE" }, nodeClass, "HEALTHY")).toBe("critical");
    }
  });
  it("is a warning otherwise", () => {
    expect(alertSeverity({ sourceType: "AGENT_OFFLINE" }, "WINDOWS_WORKSTATION", "NEEDS_ATTENTION")).toBe(
      "warning",
    );
    expect(alertSeverity({ sourceType: "CONDITION_AGENT_CPU" }, "WINDOWS_SERVER", "HEALTHY")).toBe("warning");
    expect(alertSeverity({ sourceType: undefined }, undefined, undefined)).toBe("warning");
  });
});

describe("tallyAlerts", () => {
  const devices = new Map<number, NinjaOneDevice>([
    [1, { id: 1, organizationId: 10, nodeClass: "WINDOWS_SERVER" } as NinjaOneDevice],
    [2, { id: 2, organizationId: 10, nodeClass: "MAC" } as NinjaOneDevice],
  ]);
  const alert = (uid: string, over: Partial<NinjaOneAlert> = {}): NinjaOneAlert => ({ uid, ...over });

  it("counts each uid once per organization, using the embedded device when the device list lacks it", () => {
    const tally = tallyAlerts(
      [
        alert("a", { deviceId: 1, sourceType: "AGENT_OFFLINE" }),
        alert("a", { deviceId: 1, sourceType: "AGENT_OFFLINE" }),
        alert("b", { deviceId: 2, sourceType: "CONDITION_AGENT_CPU" }),
        alert("c", {
          deviceId: 50,
          sourceType: "AGENT_OFFLINE",
          device: { organizationId: 30, nodeClass: "LINUX_SERVER" },
        }),
        alert("d", { deviceId: 51 }),
        alert("e"),
      ],
      devices,
      new Map([[2, "UNHEALTHY"]]),
    );
    expect(Object.fromEntries(tally.byOrganization)).toEqual({
      10: { critical: 2, warning: 0 },
      30: { critical: 1, warning: 0 },
    });
    expect(tally.unattributed).toBe(2);
  });
});
