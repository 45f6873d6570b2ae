import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { parseConfig } from "./load.js";

const parse = (text: string) => {
  try {
    parseConfig(text, "notion-ops.yml", { sourceSchemas: {} });
    return undefined;
  } catch (error) {
    if (!ConfigError.is(error)) throw error;
    return error;
  }
};

describe("parseConfig on hostile files", () => {
  it("refuses alias bombs and unresolved aliases as invalid YAML (exit 2), not a crash", () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "sites: *c",
    ].join("\n");
    expect(parse(bomb)?.issues[0]?.message).toMatch(/^invalid YAML: /);
    expect(parse("sites: *nowhere\n")?.issues[0]?.message).toMatch(/^invalid YAML: /);
    expect(parse(bomb)?.exitCode).toBe(2);
  });

  it("names a pasted token without quoting it, even where another check quotes the value", () => {
    const token = "ntn_PastedTokenNotInTheEnvironment1234567";
    const error = parse(
      `health:\n  thresholds:\n    healthyAt: 80\nsites:\n  - { key: A, name: x, state: "${token}", contractRenewal: "${token}" }\n`,
    );
    expect(error?.message).toContain("looks like a Notion token");
    expect(JSON.stringify(error?.issues)).not.toContain(token);
  });

  it("keeps issue paths and messages on one short printable line", () => {
    const error = parse(`sites:\n  - { key: A, name: x, "bad\\u001bkey${"k".repeat(5000)}": 1 }\n`);
    const issue = error?.issues[0];
    expect(issue?.path).toMatch(/^sites\[0\]\.bad\\u001bkeyk+… \(\d+ characters\)$/);
    expect(issue?.path.length).toBeLessThanOrEqual(300);
    expect(issue?.message.length).toBeLessThanOrEqual(500);
  });

  it("bounds names by where they go in Notion", () => {
    const error = parse(`sites:\n  - { key: A, name: "${"n".repeat(2001)}", state: "${"s".repeat(101)}" }\n`);
    expect(error?.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "sites[0].name: must be at most 2000 characters (one Notion text object)",
      "sites[0].state: must be at most 100 characters (a Notion select option)",
    ]);
  });
});
