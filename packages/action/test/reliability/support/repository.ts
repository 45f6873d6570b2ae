import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  NINJAONE_ORG_ACME,
  NINJAONE_ORG_GLOBEX,
  SUB_A,
  SUB_B,
  UNIFI_SITE_ACME,
  UNIFI_SITE_BETA_WAREHOUSE,
} from "./vendor-fixtures.js";

/** Which vendor sources the repository's notion-ops.yml turns on. */
export interface Sources {
  unifi?: boolean;
  ninjaone?: boolean;
  azure?: boolean;
}

export const ALL_SOURCES: Sources = { unifi: true, ninjaone: true, azure: true };

/**
 * A customer's repository as the Action sees it: notion-ops.yml (databases filled in by setup),
 * Markdown runbooks (one long enough to need several requests), maintenance scripts with a
 * manifest (one succeeds, one fails and so gets a handoff), and a push event touching site configs.
 */
export async function createRepository(sources: Sources = ALL_SOURCES): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "notion-ops-reliability-"));
  await writeFile(join(dir, "notion-ops.yml"), configText(sources));

  await mkdir(join(dir, "runbooks", "network"), { recursive: true });
  await writeFile(
    join(dir, "runbooks", "network", "wan-failover.md"),
    [
      "---",
      "title: WAN failover",
      "category: Network",
      "tags: [wan, gateway]",
      "---",
      "# When the primary WAN drops",
      "",
      "1. Check the gateway's WAN status in UniFi.",
      "2. Confirm the LTE backup took over.",
      "",
      "```sh",
      "ping -c 3 1.1.1.1",
      "```",
      "",
    ].join("\n"),
  );
  // 230 list items: more than two appends' worth of blocks (100 per request), so the page body
  // is written in three requests and Content Hash last.
  await writeFile(
    join(dir, "runbooks", "onboarding-checklist.md"),
    [
      "---",
      "title: Onboarding checklist",
      "category: Process",
      "tags: onboarding",
      "---",
      "# New customer onboarding",
      "",
      ...Array.from(
        { length: 230 },
        (_, i) => `- [ ] Step ${i + 1}: confirm item ${i + 1} with the customer`,
      ),
      "",
    ].join("\n"),
  );

  await mkdir(join(dir, "scripts"), { recursive: true });
  await writeFile(join(dir, "scripts", "rotate-logs.sh"), '#!/usr/bin/env bash\necho "rotated $1 logs"\n');
  await writeFile(
    join(dir, "scripts", "check-backups.sh"),
    "#!/usr/bin/env bash\necho 'checking backup targets'\necho 'error: permission denied: /srv/backups' >&2\nexit 3\n",
  );
  for (const name of ["rotate-logs.sh", "check-backups.sh"]) await chmod(join(dir, "scripts", name), 0o755);
  await writeFile(
    join(dir, "scripts.yml"),
    [
      "scripts:",
      "  - { path: scripts/rotate-logs.sh, args: [nginx], timeout: 30s }",
      "  - { path: scripts/check-backups.sh, timeout: 30s }",
      "",
    ].join("\n"),
  );

  await writeFile(join(dir, "push-event.json"), JSON.stringify(pushEvent()));
  return dir;
}

function configText(sources: Sources): string {
  return [
    "notion:",
    "  databases: {}",
    "sources:",
    ...(sources.unifi ? ["  unifi: { mode: cloud }"] : []),
    ...(sources.ninjaone ? ["  ninjaone: { region: eu, pageSize: 2 }"] : []),
    ...(sources.azure ? [`  azure: { subscriptions: ["${SUB_A}", "${SUB_B}"] }`] : []),
    "sites:",
    "  - key: ACME-001",
    "    name: Acme Corp - Main Office",
    "    state: Alabama",
    ...(sources.unifi ? [`    unifi: { siteId: "${UNIFI_SITE_ACME}" }`] : []),
    ...(sources.ninjaone ? [`    ninjaone: { organizationId: ${NINJAONE_ORG_ACME} }`] : []),
    ...(sources.azure ? [`    azure: { subscriptionId: "${SUB_A}" }`] : []),
    "    contractRenewal: 2027-03-01",
    "    primaryContact: Jane Doe",
    "  - key: GLOBEX-002",
    "    name: Globex",
    ...(sources.ninjaone ? [`    ninjaone: { organizationId: ${NINJAONE_ORG_GLOBEX} }`] : []),
    ...(sources.azure ? [`    azure: { subscriptionId: "${SUB_B}" }`] : []),
    "  - key: BETA-003",
    "    name: Beta Ltd - Warehouse",
    ...(sources.unifi ? [`    unifi: { siteId: "${UNIFI_SITE_BETA_WAREHOUSE}" }`] : []),
    "  - key: DELTA-004",
    "    name: Delta Dental",
    "changeLog:",
    '  paths: [{ glob: "configs/{site}/**", tool: MikroTik }]',
    "runbooks: { dir: runbooks }",
    "scripts: { allowedDirs: [scripts], maxParallel: 2, defaultTimeout: 60 }",
    "",
  ].join("\n");
}

function pushEvent() {
  const commit = (id: string, message: string, timestamp: string, files: string[]) => ({
    id,
    message,
    timestamp,
    url: `https://github.com/acme-msp/network-configs/commit/${id}`,
    author: { name: "Sam Engineer", email: "sam@example.com", username: "sam-eng" },
    added: [],
    removed: [],
    modified: files,
  });
  return {
    ref: "refs/heads/main",
    before: "1111111111111111111111111111111111111111",
    after: "3333333333333333333333333333333333333333",
    commits: [
      commit("2222222222222222222222222222222222222222", "Raise DHCP lease time", "2026-03-01T09:00:00Z", [
        "configs/ACME-001/router.rsc",
        "configs/ACME-001/dhcp.rsc",
      ]),
      commit("3333333333333333333333333333333333333333", "Block telnet at Beta", "2026-03-01T09:30:00Z", [
        "configs/BETA-003/firewall.rsc",
        "README.md",
      ]),
    ],
    repository: {
      full_name: "acme-msp/network-configs",
      html_url: "https://github.com/acme-msp/network-configs",
      default_branch: "main",
    },
    sender: { login: "sam-eng" },
  };
}

export async function removeRepository(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
