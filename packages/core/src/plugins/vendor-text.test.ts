import { describe, expect, it } from "vitest";
import { type DeviceObservation, deviceObservationSchema } from "./observations.js";
import { validateObservations } from "./validate-observations.js";
import { cleanVendorText, MAX_VENDOR_TEXT_LENGTH, quoteVendorText } from "./vendor-text.js";

const device = (extra: Partial<DeviceObservation>): DeviceObservation => ({
  key: "unifi:AC01",
  source: "unifi",
  vendorId: "AC01",
  siteSourceId: "s1",
  name: "Gateway",
  status: "online",
  ...extra,
});

describe("vendor text at the plugin boundary", () => {
  it("cleans control characters and lone surrogates and cuts long text, idempotently", () => {
    expect(cleanVendorText("a\u0000b\r\n\u001b[31mc\uD800")).toBe("a b [31mc\uFFFD");
    const long = cleanVendorText("漢".repeat(1_000_000));
    expect(long).toHaveLength(MAX_VENDOR_TEXT_LENGTH);
    expect(long.endsWith("…")).toBe(true);
    expect(cleanVendorText(long)).toBe(long);
    expect(cleanVendorText(`${"a".repeat(1999)}😀`)).toBe(`${"a".repeat(1999)}…`);
  });

  it("quotes vendor text in messages on one bounded line, idempotently", () => {
    const quoted = quoteVendorText(`x\n${"S".repeat(10_000)}`, 200);
    expect(quoted.length).toBeLessThanOrEqual(200);
    expect(quoted).toMatch(/^x S+… \(10002 characters\)$/);
    expect(quoteVendorText(quoted, 200)).toBe(quoted);
  });

  it("makes records with ids Notion could not key on errors, and keeps the others with cleaned text", () => {
    const result = validateObservations({
      source: "unifi",
      sites: [],
      devices: [
        device({ key: "unifi:ok ", vendorId: "ok ", name: "n\u0007ame", model: "m".repeat(5000) }),
        device({ key: "unifi:lone\uD800", vendorId: "lone\uD800" }),
        device({ key: `unifi:${"D".repeat(600)}`, vendorId: "D".repeat(600) }),
        device({ key: "unifi:new\nline", vendorId: "new\nline" }),
      ],
      services: [],
      errors: [
        { source: "unifi", entity: "device", id: "x".repeat(5000), message: `m\u001b${"y".repeat(5000)}` },
      ],
      notes: [],
    });
    expect(result.devices).toEqual([
      deviceObservationSchema.parse(
        device({ key: "unifi:ok", vendorId: "ok", name: "n ame", model: "m".repeat(5000) }),
      ),
    ]);
    expect(result.devices[0]!.model).toHaveLength(MAX_VENDOR_TEXT_LENGTH);
    expect(result.errors.map((e) => e.message.replace(/^invalid device observation: /, ""))).toEqual([
      expect.stringMatching(/^m y+… \(5002 characters\)$/),
      "key: is not valid Unicode (it holds a lone surrogate)",
      "key: is longer than 512 characters",
      "key: contains control characters",
    ]);
    for (const error of result.errors) expect(String(error.id ?? "").length).toBeLessThanOrEqual(200);
  });
});
