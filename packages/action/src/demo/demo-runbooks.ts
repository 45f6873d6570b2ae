import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Sample runbooks the demo writes under `<demo dir>/runbooks/`, synced into the Runbook Library. */
export const DEMO_RUNBOOKS: Readonly<Record<string, string>> = {
  "network/unifi-console-offline.md": `---
title: UniFi console offline
category: Network
tags: [unifi, outage]
---

# UniFi console offline

Site Manager shows the console as **disconnected** and every device at the site as offline.

## Check first

1. Call the site contact: is there power and internet at the site?
2. Look at the ISP's status page for the site's address.
3. In Site Manager, note the time of the last connection state change.

## Fix

- If the site has power but no internet, ask the contact to power-cycle the modem, then the console.
- If the console stays offline for more than 30 minutes, open a ticket and dispatch a technician.

\`\`\`sh
# From a machine on the site's LAN:
ping -c 4 192.168.1.1
\`\`\`
`,
  "backup/ninjaone-backup-failed.md": `---
title: NinjaOne backup failed
category: Backup
tags: [ninjaone, backup]
---

# NinjaOne backup failed

Last night's backup job ended with status **FAILED**.

1. Open the device in NinjaOne → Backup → Jobs and read the failure reason.
2. Check free space on the backup destination.
3. Run the plan again by hand; if it fails twice, escalate to the backup owner.
`,
  "onboarding/new-site-checklist.md": `---
title: New site checklist
category: Onboarding
tags: [onboarding]
---

# New site checklist

- [ ] Adopt the UniFi console in Site Manager and name the site after the customer.
- [ ] Create the NinjaOne organization with **exactly** the customer's name.
- [ ] Add the site to \`notion-ops.yml\` with its UniFi, NinjaOne and Azure ids.
- [ ] Run \`notion-ops sync\` and check the site in Customer Sites.
`,
};

/** Writes the sample runbooks into `runbooksDir` (only called when that folder does not exist yet). */
export async function writeDemoRunbooks(runbooksDir: string): Promise<void> {
  for (const [path, text] of Object.entries(DEMO_RUNBOOKS)) {
    const file = join(runbooksDir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, "utf8");
  }
}
