import { describe, expect, it } from "vitest";
import { epochToIso } from "./epoch-time.js";

describe("epochToIso", () => {
  it("reads float epoch seconds to the millisecond", () => {
    expect(epochToIso(1742412252.744)).toBe("2025-03-19T19:24:12.744Z");
    expect(epochToIso(1707363433.892432)).toBe("2024-02-08T03:37:13.892Z");
    expect(epochToIso(1730332915.0)).toBe("2024-10-31T00:01:55.000Z");
  });

  it("reads epoch milliseconds", () => {
    expect(epochToIso(1742412252744)).toBe("2025-03-19T19:24:12.744Z");
  });

  it("reads numeric and ISO strings", () => {
    expect(epochToIso("1742412252.744")).toBe("2025-03-19T19:24:12.744Z");
    expect(epochToIso("2025-03-19T19:24:12.744Z")).toBe("2025-03-19T19:24:12.744Z");
  });

  it("returns undefined for absent, zero, negative and unreadable values", () => {
    for (const value of [
      undefined,
      null,
      0,
      -5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      "",
      "soon",
      {},
      true,
    ]) {
      expect(epochToIso(value)).toBeUndefined();
    }
  });
});
