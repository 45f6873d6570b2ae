import { describe, expect, it } from "vitest";
import { normalizeDeviceStatus } from "./device-status.js";

describe("normalizeDeviceStatus", () => {
  it("lowercases both APIs' states into words joined by _", () => {
    expect(normalizeDeviceStatus("online")).toBe("online");
    expect(normalizeDeviceStatus("ONLINE")).toBe("online");
    expect(normalizeDeviceStatus("PENDING_ADOPTION")).toBe("pending_adoption");
    expect(normalizeDeviceStatus("U5G_INCORRECT_TOPOLOGY")).toBe("u5g_incorrect_topology");
    expect(normalizeDeviceStatus("connectionInterrupted")).toBe("connection_interrupted");
    expect(normalizeDeviceStatus("getting-ready")).toBe("getting_ready");
  });

  it("calls a missing status unknown", () => {
    expect(normalizeDeviceStatus(undefined)).toBe("unknown");
    expect(normalizeDeviceStatus(null)).toBe("unknown");
    expect(normalizeDeviceStatus(" ")).toBe("unknown");
  });
});
