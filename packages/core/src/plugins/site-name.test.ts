import { describe, expect, it } from "vitest";
import { displaySiteName, normalizeSiteName } from "./site-name.js";

describe("normalizeSiteName", () => {
  it("ignores case, outer and inner whitespace of any kind", () => {
    expect(normalizeSiteName("  Acme Corp -\t Main\u00a0Office \n")).toBe("acme corp - main office");
    expect(normalizeSiteName("ACME CORP - MAIN OFFICE")).toBe(normalizeSiteName("acme corp - main office"));
  });

  it("treats composed and decomposed accents alike and drops invisible characters", () => {
    expect(normalizeSiteName("Caf\u00e9 Nord")).toBe(normalizeSiteName("Cafe\u0301 Nord"));
    expect(normalizeSiteName("Acme\u200b Corp\ufeff")).toBe("acme corp");
  });

  it("keeps punctuation and accents that change the name", () => {
    expect(normalizeSiteName("Acme, Inc.")).not.toBe(normalizeSiteName("Acme Inc"));
    expect(normalizeSiteName("Café")).not.toBe(normalizeSiteName("Cafe"));
  });

  it("gives an empty string for a blank name", () => {
    expect(normalizeSiteName(" \t ")).toBe("");
  });
});

describe("displaySiteName", () => {
  it("tidies whitespace but keeps case", () => {
    expect(displaySiteName("  Acme   Corp ")).toBe("Acme Corp");
  });
});
