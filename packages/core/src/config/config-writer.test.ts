import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { setNotionIds } from "./config-writer.js";
import { parseConfig } from "./load.js";

const CS = {
  databaseId: "11111111-1111-4111-8111-111111111111",
  dataSourceId: "22222222-2222-4222-8222-222222222222",
};
const DH = {
  databaseId: "33333333-3333-4333-8333-333333333333",
  dataSourceId: "44444444-4444-4444-8444-444444444444",
};
const PAGE = "55555555-5555-4555-8555-555555555555";

const csLine = `{ databaseId: "${CS.databaseId}", dataSourceId: "${CS.dataSourceId}" }`;
const dhLine = `{ databaseId: "${DH.databaseId}", dataSourceId: "${DH.dataSourceId}" }`;

describe("setNotionIds", () => {
  it("adds a notion block at the end when there is none, leaving every other byte alone", () => {
    const text = [
      "# notion-ops configuration for Example MSP",
      "sites:",
      "  - key: ACME-001 # the first customer",
      "    name: Acme Corp - Main Office",
      "",
      "# end of sites",
    ].join("\n");
    const out = setNotionIds(text, { databases: { customerSites: CS, dailyHealth: DH }, parentPage: PAGE });
    expect(out).toBe(
      `${text}\nnotion:\n  parentPage: "${PAGE}"\n  databases:\n    customerSites: ${csLine}\n    dailyHealth: ${dhLine}\n`,
    );
    const config = parseConfig(out, "notion-ops.yml", { sourceSchemas: {} });
    expect(config.notion.databases.customerSites).toEqual(CS);
    expect(config.notion.parentPage).toBe(PAGE);
  });

  it("adds databases under an existing notion: that has only parentPage, before the next top-level key", () => {
    const text = [
      "notion:",
      `  parentPage: "${PAGE}"   # the Operations page`,
      "  # databases are written by setup",
      "",
      "health:",
      "  weights: { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 15 }",
      "",
    ].join("\n");
    const out = setNotionIds(text, { databases: { customerSites: CS } });
    expect(out).toBe(
      [
        "notion:",
        `  parentPage: "${PAGE}"   # the Operations page`,
        "  databases:",
        `    customerSites: ${csLine}`,
        "  # databases are written by setup",
        "",
        "health:",
        "  weights: { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 15 }",
        "",
      ].join("\n"),
    );
  });

  it("turns an empty flow map `databases: {}` into entries and keeps the comment on that line", () => {
    const text = "notion:\n  databases: {}   # written by setup\nsites: []\n";
    const out = setNotionIds(text, { databases: { customerSites: CS, dailyHealth: DH } });
    expect(out).toBe(
      `notion:\n  databases:   # written by setup\n    customerSites: ${csLine}\n    dailyHealth: ${dhLine}\nsites: []\n`,
    );
  });

  it("adds parentPage after the databases it fills in, when both go at the end of notion:", () => {
    const text = "notion:\n  databases: {}   # written by setup\n\nsites: []\n";
    expect(setNotionIds(text, { databases: { customerSites: CS }, parentPage: PAGE })).toBe(
      `notion:\n  databases:   # written by setup\n    customerSites: ${csLine}\n  parentPage: "${PAGE}"\n\nsites: []\n`,
    );
  });

  it("replaces existing ids in place (keeping quoting style) and appends new keys after the existing ones", () => {
    const text = [
      "notion:",
      "  databases:            # written by setup, one entry per database key",
      "    dailyHealth:",
      "      databaseId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'   # old",
      "      dataSourceId: bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
      "    # configChanges, networkDevices likewise",
      "sites: []",
      "",
    ].join("\n");
    const out = setNotionIds(text, { databases: { customerSites: CS, dailyHealth: DH } });
    expect(out).toBe(
      [
        "notion:",
        "  databases:            # written by setup, one entry per database key",
        "    dailyHealth:",
        `      databaseId: '${DH.databaseId}'   # old`,
        `      dataSourceId: ${DH.dataSourceId}`,
        `    customerSites: ${csLine}`,
        "    # configChanges, networkDevices likewise",
        "sites: []",
        "",
      ].join("\n"),
    );
  });

  it("replaces ids inside flow entries and leaves equal ids (even written without dashes) untouched", () => {
    const undashed = CS.databaseId.replace(/-/g, "");
    const text = `notion:\n  databases:\n    customerSites: { databaseId: "${undashed}", dataSourceId: "cccccccc-cccc-4ccc-8ccc-cccccccccccc" }\n`;
    const out = setNotionIds(text, { databases: { customerSites: CS } });
    expect(out).toBe(
      `notion:\n  databases:\n    customerSites: { databaseId: "${undashed}", dataSourceId: "${CS.dataSourceId}" }\n`,
    );
    expect(setNotionIds(out, { databases: { customerSites: CS } })).toBe(out);
  });

  it("fills `notion:` with no value, `~`, and a key with an empty value", () => {
    expect(
      setNotionIds("notion:   # filled by setup\nsites: []\n", { databases: { customerSites: CS } }),
    ).toBe(`notion:   # filled by setup\n  databases:\n    customerSites: ${csLine}\nsites: []\n`);
    expect(setNotionIds("notion: ~\n", { databases: { customerSites: CS } })).toBe(
      `notion:\n  databases:\n    customerSites: ${csLine}\n`,
    );
    expect(
      setNotionIds("notion:\n  parentPage:\n  databases:\n", {
        databases: { customerSites: CS },
        parentPage: PAGE,
      }),
    ).toBe(`notion:\n  parentPage: "${PAGE}"\n  databases:\n    customerSites: ${csLine}\n`);
  });

  it("writes into flow-style notion maps (an empty one becomes a block)", () => {
    expect(setNotionIds("notion: {}\n", { databases: { customerSites: CS } })).toBe(
      `notion:\n  databases:\n    customerSites: ${csLine}\n`,
    );
    expect(
      setNotionIds(`notion: { parentPage: "${PAGE}" } # keep\n`, { databases: { customerSites: CS } }),
    ).toBe(`notion: { parentPage: "${PAGE}", databases: { customerSites: ${csLine} } } # keep\n`);
  });

  it("keeps CRLF line endings, 4-space indentation and a file without a final newline", () => {
    const text =
      "sites:\r\n    - key: A\r\n      name: A\r\nnotion:\r\n    parentPage: x1\r\nscripts: { maxParallel: 2 }";
    const out = setNotionIds(text, { databases: { customerSites: CS } });
    expect(out).toBe(
      `sites:\r\n    - key: A\r\n      name: A\r\nnotion:\r\n    parentPage: x1\r\n    databases:\r\n        customerSites: ${csLine}\r\nscripts: { maxParallel: 2 }`,
    );
  });

  it("creates the notion block in an empty or comment-only file", () => {
    expect(setNotionIds("", { databases: { customerSites: CS } })).toBe(
      `notion:\n  databases:\n    customerSites: ${csLine}\n`,
    );
    expect(setNotionIds("# nothing yet", { databases: { customerSites: CS } })).toBe(
      `# nothing yet\nnotion:\n  databases:\n    customerSites: ${csLine}\n`,
    );
  });

  it("writes every key in DATABASE_KEYS order and leaves the text alone when there is nothing to write", () => {
    const text = "notion:\n  databases:\n";
    const out = setNotionIds(text, { databases: { dailyHealth: DH, customerSites: CS } });
    expect(out.indexOf("customerSites")).toBeLessThan(out.indexOf("dailyHealth"));
    expect(setNotionIds(text, { databases: {} })).toBe(text);
  });

  it("refuses, with the location, a notion: or databases: that is not a mapping, and invalid YAML", () => {
    const notMap = () => setNotionIds("a: 1\nnotion: hello\n", { databases: { customerSites: CS } });
    expect(notMap).toThrow(ConfigError);
    expect(notMap).toThrow(/notion-ops.yml:2:9 notion: must be a mapping/);
    expect(() =>
      setNotionIds("notion:\n  databases: [1, 2]\n", { databases: { customerSites: CS } }),
    ).toThrow(/notion\.databases: must be a mapping/);
    expect(() => setNotionIds("notion: {\n", { databases: { customerSites: CS } })).toThrow(/invalid YAML/);
    expect(() => setNotionIds("- 1\n- 2\n", { databases: { customerSites: CS } })).toThrow(
      /must be a mapping of keys/,
    );
  });
});
