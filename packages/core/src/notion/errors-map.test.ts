import { describe, expect, it } from "vitest";
import { describeTarget, extractPropertyName, requiredCapability } from "./errors-map.js";
import { classifyFailure, parseRetryAfter } from "./retry-policy.js";
import { NotionTransportError } from "./transport.js";

describe("extractPropertyName", () => {
  it.each([
    [
      "body failed validation: body.properties.Site Name.title[0].text.content.length should be ≤ `2000`, instead was `2001`.",
      "Site Name",
    ],
    [
      'body failed validation: body.properties.Health Score.number should be a number, instead was `"x"`.',
      "Health Score",
    ],
    ["Config Drift is not a property that exists.", "Config Drift"],
    ["Backup Status is expected to be select.", "Backup Status"],
    ["Could not find property with name or id: Contract Renewal", "Contract Renewal"],
    [
      "body failed validation. Fix one:\nbody.properties.Site.relation should be defined, instead was `undefined`.",
      "Site",
    ],
    ["body.properties.v1.2 Name.rich_text should be an array", "v1.2 Name"],
  ])("%s → %s", (message, property) => {
    expect(extractPropertyName(message)).toBe(property);
  });

  it("falls back to the property names in the request, preferring the longest mentioned", () => {
    expect(
      extractPropertyName("Invalid select option, commas not allowed: Risk Level", ["Risk", "Risk Level"]),
    ).toBe("Risk Level");
    expect(extractPropertyName("Something else went wrong.", ["Name"])).toBeUndefined();
  });
});

describe("requiredCapability and describeTarget", () => {
  it("names the capability a call needs", () => {
    expect(requiredCapability("pages.create")).toBe("Insert content");
    expect(requiredCapability("blocks.children.append")).toBe("Insert content");
    expect(requiredCapability("pages.update")).toBe("Update content");
    expect(requiredCapability("dataSources.query")).toBe("Read content");
  });

  it("describes an object with its label when known", () => {
    expect(describeTarget({ type: "data source", id: "abc", label: "Customer Sites" })).toBe(
      'the "Customer Sites" data source abc',
    );
    expect(describeTarget({ type: "page", id: "p1" })).toBe("page p1");
  });
});

describe("classifyFailure", () => {
  it("transport failures: resets may have been applied, refused connections were not", () => {
    const reset = new NotionTransportError("network", "connection failed: ECONNRESET", {
      maybeApplied: true,
      errorCode: "ECONNRESET",
    });
    const refused = new NotionTransportError("network", "connection failed: ECONNREFUSED", {
      maybeApplied: false,
      errorCode: "ECONNREFUSED",
    });
    expect(classifyFailure(reset, 0)).toMatchObject({ kind: "transient", maybeApplied: true });
    expect(classifyFailure(refused, 0)).toMatchObject({ kind: "transient", maybeApplied: false });
  });

  it("a bug in our own code (a plain TypeError) is fatal, never mistaken for a network error", () => {
    expect(classifyFailure(new TypeError("cannot read properties of undefined"), 0).kind).toBe("fatal");
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds (uncapped) and HTTP dates", () => {
    expect(parseRetryAfter("7", 0)).toBe(7_000);
    expect(parseRetryAfter("120", 0)).toBe(120_000);
    expect(parseRetryAfter(" 3600 ", 0)).toBe(3_600_000);
    expect(parseRetryAfter("1.5", 0)).toBe(1_500);
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:30 GMT", now)).toBe(90_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});
