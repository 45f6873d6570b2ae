import { createHash } from "node:crypto";
import type { DemoEstate, DemoSite } from "./estate.js";

const quote = (text: string) => JSON.stringify(text);
const STAMP = /^# demo estate ([0-9a-f]{16})$/m;

/**
 * Names the estate a demo config was written for: its site keys and vendor ids (not its
 * timestamps), so a demo folder made by another version of the generator is recognised.
 */
export function estateStamp(estate: DemoEstate): string {
  const ids = estate.sites.map((site) => [
    site.key,
    site.unifi?.siteId,
    site.unifi?.hostId,
    site.unifi?.devices.map((d) => d.id),
    site.ninjaone?.id,
    site.ninjaone?.devices.map((d) => d.id),
    site.azure?.id,
  ]);
  return createHash("sha256").update(JSON.stringify(ids)).digest("hex").slice(0, 16);
}

/** The stamp in a demo config's text, if it has one. */
export function configStamp(text: string): string | undefined {
  return STAMP.exec(text)?.[1];
}

/**
 * The demo's notion-ops.yml: every source, and a `sites:` list that maps most customers by
 * their vendor ids and a few by name only. The discovered UniFi site is deliberately left out.
 * `notion.databases` starts empty: setup fills it in.
 */
export function demoConfigText(estate: DemoEstate): string {
  const listed = estate.sites.filter((site) => site.listing !== "unlisted");
  const subscriptions = estate.sites.flatMap((site) => (site.azure ? [site.azure.id] : []));
  return [
    "# notion-ops demo configuration, written by `notion-ops demo` on its first run.",
    "# The sources are local fake UniFi, NinjaOne and Azure APIs serving a sample estate, and",
    "# Notion is the local emulator; nothing here reaches the network. Delete the demo folder to",
    "# start over.",
    `# demo estate ${estateStamp(estate)}`,
    "notion:",
    "  databases: {} # setup writes the database ids here",
    "",
    "health:",
    "  weights: { deviceAvailability: 30, wifiQuality: 20, alerts: 20, backup: 15, configCompliance: 15 }",
    "",
    "sources:",
    "  unifi: { mode: cloud }",
    "  ninjaone: { region: us, pageSize: 100 }",
    "  azure:",
    "    subscriptions:",
    ...subscriptions.map((id) => `      - ${id}`),
    "",
    "# Most sites are mapped by vendor ids; a few by name only (the sources must use that exact",
    "# name). Sites the sources report but that are not listed here become discovered sites.",
    "sites:",
    ...listed.flatMap(siteLines),
    "",
    "changeLog:",
    '  paths: [{ glob: "configs/{site}/**", tool: UniFi }]',
    "runbooks: { dir: runbooks }",
    "scripts: { allowedDirs: [scripts], maxParallel: 3, defaultTimeout: 600 }",
    "",
  ].join("\n");
}

function siteLines(site: DemoSite): string[] {
  const lines = [`  - key: ${site.key}`, `    name: ${quote(site.name)}`, `    state: ${quote(site.state)}`];
  if (site.listing === "ids") {
    if (site.unifi)
      lines.push(`    unifi: { siteId: ${quote(site.unifi.siteId)}, hostId: ${quote(site.unifi.hostId)} }`);
    if (site.ninjaone) lines.push(`    ninjaone: { organizationId: ${site.ninjaone.id} }`);
    if (site.azure) lines.push(`    azure: { subscriptionId: ${quote(site.azure.id)} }`);
  }
  lines.push(
    `    contractRenewal: ${site.contractRenewal}`,
    `    primaryContact: ${quote(site.primaryContact)}`,
  );
  return lines;
}
