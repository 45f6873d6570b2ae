import { describe, expect, it } from "vitest";
import { unifiConfigSchema } from "./config.js";

const issues = (input: unknown) => {
  const parsed = unifiConfigSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("unifiConfigSchema", () => {
  it("defaults to cloud mode with the tx-retry estimate and a 30 s timeout", () => {
    expect(unifiConfigSchema.parse({})).toEqual({
      mode: "cloud",
      allowSelfSignedTls: false,
      weakSignal: "tx-retry",
      timeoutSeconds: 30,
    });
  });

  it("rejects unknown keys", () => {
    expect(issues({ mode: "cloud", hostId: "x" })).toEqual([
      expect.stringMatching(/Unrecognized key.*hostId/),
    ]);
  });

  it("needs a safe consoleUrl in local mode", () => {
    expect(issues({ mode: "local" })).toEqual(["consoleUrl: is required when mode is local"]);
    expect(issues({ mode: "local", consoleUrl: "http://192.168.1.1" })).toEqual([
      expect.stringMatching(/^consoleUrl: consoleUrl must use https/),
    ]);
    expect(issues({ mode: "local", consoleUrl: "https://192.168.1.1", allowSelfSignedTls: true })).toEqual(
      [],
    );
    expect(issues({ mode: "local", consoleUrl: "https://192.168.1.1", hostIds: ["a"] })).toEqual([
      "hostIds: is not used when mode is local",
    ]);
  });

  it("refuses local-only keys in the cloud modes", () => {
    expect(issues({ mode: "connector", consoleUrl: "https://x", allowSelfSignedTls: true })).toEqual([
      "consoleUrl: is only used when mode is local (mode is connector)",
      "allowSelfSignedTls: is only used when mode is local (mode is connector); the cloud has a trusted certificate",
    ]);
  });

  it("checks value types and ranges", () => {
    expect(issues({ mode: "lan" })).toHaveLength(1);
    expect(issues({ hostIds: [] })).toHaveLength(1);
    expect(issues({ hostIds: [" "] })).toHaveLength(1);
    expect(issues({ weakSignal: "rssi" })).toHaveLength(1);
    expect(issues({ timeoutSeconds: 0 })).toHaveLength(1);
  });
});
