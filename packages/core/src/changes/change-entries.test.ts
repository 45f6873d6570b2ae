import { describe, expect, it } from "vitest";
import { changeEntries, describeCommit } from "./change-entries.js";
import type { ChangedCommit } from "./push-event.js";

const config = {
  sites: [
    { key: "ACME-001", name: "Acme" },
    { key: "BETA-002", name: "Beta" },
  ],
  changeLog: {
    paths: [
      { glob: "configs/{site}/mikrotik/**", tool: "MikroTik" },
      { glob: "configs/{site}/unifi/*.json", tool: "UniFi" },
    ],
  },
};

const commit = (sha: string, files: string[], message = "Tune firewall"): ChangedCommit => ({
  sha,
  message,
  timestamp: "2026-11-20T10:00:00+01:00",
  url: `https://github.com/msp/infra/commit/${sha}`,
  engineer: "jdoe",
  files,
});

describe("changeEntries", () => {
  it("makes one entry per commit per site, with the tools and files of that site", () => {
    const { entries, unmapped } = changeEntries(
      [
        commit("a".repeat(40), [
          "configs/ACME-001/mikrotik/fw.rsc",
          "configs/ACME-001/unifi/site.json",
          "configs/beta-002/mikrotik/nat.rsc",
          "README.md",
          "configs/GAMMA-9/mikrotik/x.rsc",
        ]),
      ],
      config,
    );
    expect(entries).toEqual([
      {
        changeId: `${"a".repeat(12)}-ACME-001`,
        siteKey: "ACME-001",
        tool: "MikroTik + UniFi",
        action: "Tune firewall",
        engineer: "jdoe",
        timestamp: "2026-11-20T10:00:00+01:00",
        commitUrl: `https://github.com/msp/infra/commit/${"a".repeat(40)}`,
        files: ["configs/ACME-001/mikrotik/fw.rsc", "configs/ACME-001/unifi/site.json"],
      },
      expect.objectContaining({
        changeId: `${"a".repeat(12)}-BETA-002`,
        siteKey: "BETA-002",
        tool: "MikroTik",
      }),
    ]);
    expect(unmapped).toEqual([
      { sha: "a".repeat(40), file: "README.md", reason: "matches no changeLog.paths glob" },
      {
        sha: "a".repeat(40),
        file: "configs/GAMMA-9/mikrotik/x.rsc",
        reason: '"GAMMA-9" is not a configured site key',
      },
    ]);
  });

  it("gives the same Change ID on every run (re-runs find it again)", () => {
    const first = changeEntries([commit("b".repeat(40), ["configs/ACME-001/mikrotik/a"])], config);
    const second = changeEntries([commit("b".repeat(40), ["configs/ACME-001/mikrotik/a"])], config);
    expect(first.entries[0]?.changeId).toBe(second.entries[0]?.changeId);
  });
});

describe("describeCommit", () => {
  it("uses a merged pull request's title", () => {
    expect(describeCommit("Merge pull request #42 from msp/fw\n\nOpen port 443 on ACME edge")).toBe(
      "Open port 443 on ACME edge (#42)",
    );
  });
  it("uses the first line otherwise, and keeps hostile text as plain text", () => {
    const hostile = ["$(rm -rf /)", "$", "{{ secrets.X }}; `id`"].join("");
    expect(describeCommit(`${hostile}\n\nbody`)).toBe(hostile);
    expect(describeCommit("")).toBe("(no commit message)");
  });
});
