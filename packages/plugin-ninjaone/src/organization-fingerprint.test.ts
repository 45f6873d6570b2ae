import { describe, expect, it } from "vitest";
import { organizationFingerprint } from "./organization-fingerprint.js";
import type { NinjaOneDevice } from "./schemas/device.js";

const device = (over: Partial<NinjaOneDevice>): NinjaOneDevice =>
  ({
    id: 1,
    organizationId: 2,
    nodeClass: "WINDOWS_WORKSTATION",
    nodeRoleId: 1,
    rolePolicyId: 10,
    policyId: 10,
    approvalStatus: "APPROVED",
    offline: false,
    lastContact: 1742412252.744,
    ...over,
  }) as NinjaOneDevice;

describe("organizationFingerprint", () => {
  const org = { nodeApprovalMode: "AUTOMATIC" };
  const base = organizationFingerprint(org, [
    device({ id: 1 }),
    device({ id: 2, nodeClass: "WINDOWS_SERVER" }),
  ]);

  it("ignores volatile device state, order, and more devices like the existing ones", () => {
    expect(
      organizationFingerprint(org, [
        device({ id: 2, nodeClass: "WINDOWS_SERVER", offline: true, lastContact: 1 }),
        device({ id: 1, displayName: "renamed", ipAddresses: ["10.0.0.9"] }),
        device({ id: 3 }),
      ]),
    ).toBe(base);
  });

  it("changes with a policy, role, approval status or approval mode", () => {
    const variants = [
      organizationFingerprint(org, [
        device({ id: 1, policyId: 11 }),
        device({ id: 2, nodeClass: "WINDOWS_SERVER" }),
      ]),
      organizationFingerprint(org, [
        device({ id: 1, nodeRoleId: 5 }),
        device({ id: 2, nodeClass: "WINDOWS_SERVER" }),
      ]),
      organizationFingerprint(org, [
        device({ id: 1 }),
        device({ id: 2, nodeClass: "WINDOWS_SERVER", approvalStatus: "PENDING" }),
      ]),
      organizationFingerprint({ nodeApprovalMode: "MANUAL" }, [
        device({ id: 1 }),
        device({ id: 2, nodeClass: "WINDOWS_SERVER" }),
      ]),
    ];
    for (const variant of variants) expect(variant).not.toBe(base);
    expect(new Set(variants).size).toBe(variants.length);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
