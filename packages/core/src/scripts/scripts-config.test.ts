import { describe, expect, it } from "vitest";
import { formatDuration, parseDurationSeconds } from "./duration.js";
import { DEFAULT_SCRIPTS_CONFIG, scriptsConfigSchema } from "./scripts-config.js";

describe("durations", () => {
  it("parses numbers of seconds and unit strings", () => {
    expect(parseDurationSeconds(90)).toBe(90);
    expect(parseDurationSeconds(0.5)).toBe(0.5);
    expect(parseDurationSeconds("600")).toBe(600);
    expect(parseDurationSeconds("90s")).toBe(90);
    expect(parseDurationSeconds("10m")).toBe(600);
    expect(parseDurationSeconds("6h")).toBe(21600);
    expect(parseDurationSeconds("1d")).toBe(86400);
    expect(parseDurationSeconds("1h30m")).toBe(5400);
    expect(parseDurationSeconds("250ms")).toBe(0.25);
    expect(parseDurationSeconds(" 2H ")).toBe(7200);
  });

  it("rejects anything else", () => {
    for (const bad of [
      "",
      "soon",
      "10 minutes",
      "-5s",
      "1w",
      "h",
      "5s5",
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      true,
      [],
    ]) {
      expect(parseDurationSeconds(bad)).toBeUndefined();
    }
  });

  it("formats durations for people", () => {
    expect(formatDuration(250)).toBe("250 ms");
    expect(formatDuration(3200)).toBe("3.2 s");
    expect(formatDuration(245_000)).toBe("4 min 5 s");
    expect(formatDuration(6 * 3600 * 1000)).toBe("6 h");
  });
});

describe("scripts config block", () => {
  it("fills in the defaults", () => {
    expect(scriptsConfigSchema.parse({})).toEqual(DEFAULT_SCRIPTS_CONFIG);
    expect(DEFAULT_SCRIPTS_CONFIG).toEqual({ allowedDirs: ["scripts"], maxParallel: 3, defaultTimeout: 600 });
  });

  it("takes durations for defaultTimeout", () => {
    expect(
      scriptsConfigSchema.parse({ allowedDirs: ["ops/scripts"], maxParallel: 5, defaultTimeout: "15m" }),
    ).toEqual({
      allowedDirs: ["ops/scripts"],
      maxParallel: 5,
      defaultTimeout: 900,
    });
  });

  it("rejects unknown keys and bad values, by path", () => {
    const result = scriptsConfigSchema.safeParse({
      allowedDir: ["x"],
      maxParallel: 0,
      defaultTimeout: "forever",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.code])).toEqual([
      ["maxParallel", "too_small"],
      ["defaultTimeout", "custom"],
      ["", "unrecognized_keys"],
    ]);
    expect(scriptsConfigSchema.safeParse({ allowedDirs: [] }).error?.issues[0]?.message).toBe(
      "must list at least one directory",
    );
    expect(scriptsConfigSchema.safeParse({ maxParallel: 1.5 }).error?.issues[0]?.message).toBe(
      "must be a whole number",
    );
  });
});
