import { describe, expect, it } from "vitest";
import { dateInstant, normalizeDateString, parseDateValue } from "./dates.js";

describe("dates", () => {
  it("normalizes date-times to milliseconds with an explicit offset", () => {
    expect(normalizeDateString("2026-03-01T08:30Z", null, "p")).toBe("2026-03-01T08:30:00.000+00:00");
    expect(normalizeDateString("2026-03-01T08:30:05.5+0530", null, "p")).toBe(
      "2026-03-01T08:30:05.500+05:30",
    );
    expect(normalizeDateString("2026-03-01", null, "p")).toBe("2026-03-01");
  });

  it("embeds a time zone's offset, including across daylight saving time", () => {
    expect(normalizeDateString("2026-01-15T09:00:00", "America/New_York", "p")).toBe(
      "2026-01-15T09:00:00.000-05:00",
    );
    expect(normalizeDateString("2026-07-15T09:00:00", "America/New_York", "p")).toBe(
      "2026-07-15T09:00:00.000-04:00",
    );
  });

  it("refuses impossible dates, offsets combined with time zones and unknown zones", () => {
    expect(() => normalizeDateString("2026-13-01", null, "body.x")).toThrow(
      /body\.x should be a valid ISO 8601 date string/,
    );
    expect(() => normalizeDateString("2026-01-01T10:00:00Z", "Europe/Paris", "body.x")).toThrow(
      /cannot contain a UTC offset/,
    );
    expect(() => normalizeDateString("2026-01-01", "Europe/Paris", "body.x")).toThrow(
      /without time information/,
    );
    expect(() =>
      parseDateValue({ start: "2026-01-01T10:00:00", time_zone: "Mars/Olympus" }, "body.d"),
    ).toThrow(/body\.d\.time_zone/);
  });

  it("compares dates as instants", () => {
    expect(dateInstant("2026-03-01T00:00:00.000-01:00")).toBeGreaterThan(dateInstant("2026-03-01"));
  });
});
