import type {
  NinjaAlert,
  NinjaBackupJob,
  NinjaDevice,
  NinjaOrganization,
  NinjaTicket,
  Problem,
} from "./estate.js";
import { uuid } from "./estate-unifi.js";
import type { Prng } from "./prng.js";

/** Running NinjaOne ids across the whole tenant (organizations, devices, tickets are numbered globally). */
export interface NinjaIds {
  organization: number;
  device: number;
  ticket: number;
  alert: number;
  job: number;
}

interface Role {
  nodeClass: string;
  nodeRoleId: number;
  policyId: number;
  server: boolean;
}

const WORKSTATION: Role = { nodeClass: "WINDOWS_WORKSTATION", nodeRoleId: 1, policyId: 10, server: false };
const MAC: Role = { nodeClass: "MAC", nodeRoleId: 3, policyId: 14, server: false };
const SERVER: Role = { nodeClass: "WINDOWS_SERVER", nodeRoleId: 2, policyId: 12, server: true };
const HYPERVISOR: Role = { nodeClass: "VMWARE_VM_HOST", nodeRoleId: 9, policyId: 43, server: true };

const WORKSTATION_MODELS = [
  { manufacturer: "Dell Inc.", model: "OptiPlex 7090" },
  { manufacturer: "Dell Inc.", model: "Latitude 5440" },
  { manufacturer: "HP", model: "EliteDesk 800 G6" },
  { manufacturer: "LENOVO", model: "ThinkPad T14 Gen 3" },
] as const;
const SERVER_MODELS = [
  { manufacturer: "Dell Inc.", model: "PowerEdge R650" },
  { manufacturer: "HPE", model: "ProLiant DL380 Gen10" },
] as const;

const TICKET_SUMMARIES: readonly string[] = [
  "Printer offline in front office",
  "New starter laptop",
  "Outlook keeps asking for password",
  "VPN drops every hour",
  "Replace failing UPS battery",
  "Shared drive permissions for new hire",
  "Phones not ringing after power cut",
  "Slow WiFi in conference room",
];

const DAY_S = 86_400;

/** One customer's NinjaOne organization with 2–15 endpoints, their health, alerts, backups and tickets. */
export function buildNinjaOrganization(
  prng: Prng,
  input: { name: string; key: string; day: Date; ids: NinjaIds; problems: ReadonlySet<Problem> },
): NinjaOrganization {
  const day = input.day.getTime() / 1000;
  const abbreviation = input.key.split("-")[0]!;
  const domain = `${abbreviation.toLowerCase()}.local`;
  const count = prng.int(2, 15);
  const outage = input.problems.has("console-offline");
  const needsServer =
    outage ||
    input.problems.has("critical-alerts") ||
    input.problems.has("backup-failed") ||
    input.problems.has("backup-partial");
  const servers = count >= 5 || needsServer ? (count >= 12 ? 2 : 1) : 0;
  const hypervisor = count >= 12;
  const subnet = prng.int(1, 254);
  const devices: NinjaDevice[] = [];
  const calm = input.problems.size === 0;
  let offline = 0;

  for (let i = 0; i < count; i++) {
    const role =
      i < servers ? SERVER : hypervisor && i === servers ? HYPERVISOR : prng.chance(0.12) ? MAC : WORKSTATION;
    const id = input.ids.device++;
    const serial = prng.hex(10).toUpperCase();
    const number = String(i + 1).padStart(2, "0");
    const hostname =
      role === SERVER
        ? `${abbreviation}-SRV-${number}`
        : role === HYPERVISOR
          ? `${abbreviation}-ESX-01`
          : `${abbreviation}-WS-${number}`;
    // A site with no planted problem stays Healthy: at most one workstation switched off.
    const switchedOff = !role.server && prng.chance(0.12) && (!calm || offline < 1);
    if (switchedOff) offline++;
    const usuallyOnline = !switchedOff;
    const online = usuallyOnline && !outage;
    const hardware = role.server ? prng.pick(SERVER_MODELS) : prng.pick(WORKSTATION_MODELS);
    const mac = `00-15-5D-${prng.hex(2)}-${prng.hex(2)}-${prng.hex(2)}`.toUpperCase();
    devices.push({
      id,
      uid: uuid(prng),
      nodeClass: role.nodeClass,
      nodeRoleId: role.nodeRoleId,
      policyId: role.policyId,
      displayName: hostname,
      dnsName: `${hostname.toLowerCase()}.${domain}`,
      online,
      created: day - prng.int(60, 900) * DAY_S + prng.int(0, 999_999) / 1e6,
      lastContact: online
        ? day + prng.int(5, 55) + prng.int(0, 999) / 1000
        : day -
          (outage && usuallyOnline ? 5 : prng.int(6, 120)) * 3600 -
          prng.int(0, 3599) -
          prng.int(0, 999) / 1000,
      health: "HEALTHY",
      pendingPatches: prng.int(0, 4),
      failedPatches: 0,
      os:
        role === MAC
          ? {
              manufacturer: "Apple Inc.",
              name: "macOS Sonoma",
              buildNumber: "23G93",
              releaseId: null,
              lastBootTime: 0,
            }
          : role === HYPERVISOR
            ? {
                manufacturer: "VMware, Inc.",
                name: "VMware ESXi 8.0.2",
                buildNumber: "22380479",
                releaseId: null,
                lastBootTime: 0,
              }
            : role.server
              ? {
                  manufacturer: "Microsoft Corporation",
                  name: "Windows Server 2022 Standard",
                  buildNumber: "20348",
                  releaseId: "21H2",
                  lastBootTime: 0,
                }
              : {
                  manufacturer: "Microsoft Corporation",
                  name: "Windows 11 Professional Edition",
                  buildNumber: "22631",
                  releaseId: "23H2",
                  lastBootTime: 0,
                },
      system:
        role === MAC
          ? {
              manufacturer: "Apple Inc.",
              model: "MacBook Pro (14-inch, M3)",
              serialNumber: serial,
              domain,
              virtualMachine: false,
            }
          : { ...hardware, serialNumber: serial, domain, virtualMachine: false },
      ipAddresses: [`10.${subnet}.0.${10 + i}`, `fe80::${prng.hex(4)}:${prng.hex(4)}`],
      macAddresses: [mac],
      publicIp: `203.0.113.${prng.int(2, 254)}`,
      alerts: [],
      backupJobs: [],
    });
    const device = devices.at(-1)!;
    device.os.lastBootTime = day - prng.int(1, 20) * DAY_S + prng.int(0, 999) / 1000;
  }

  const alert = (
    device: NinjaDevice,
    sourceType: string,
    subject: string,
    message: string,
    hoursAgo: number,
  ) => {
    const created: NinjaAlert = {
      uid: `${prng.hex(8)}-${prng.hex(4)}-4${prng.hex(3)}-a${prng.hex(3)}-${String(input.ids.alert++).padStart(12, "0")}`,
      sourceType,
      subject,
      message,
      createTime: day - hoursAgo * 3600 + prng.int(0, 999) / 1000,
    };
    device.alerts.push(created);
  };
  let warnings = 0;
  for (const device of devices) {
    // Policies alert on servers going offline; a workstation switched off for the night is normal.
    if (
      !device.online &&
      (device.nodeClass === SERVER.nodeClass || device.nodeClass === HYPERVISOR.nodeClass)
    ) {
      alert(device, "AGENT_OFFLINE", "Offline", "Device is offline", 5);
    }
    if (device.online && prng.chance(0.08) && (!calm || warnings < 2)) {
      warnings++;
      device.health = "NEEDS_ATTENTION";
      alert(
        device,
        "CONDITION_AGENT_DISK_FREE_SPACE",
        "Disk space",
        "Free space on C: below 10%",
        prng.int(1, 20),
      );
    }
  }
  if (input.problems.has("critical-alerts")) {
    const server = devices.find((d) => d.nodeClass === SERVER.nodeClass)!;
    server.health = "UNHEALTHY";
    server.failedPatches = prng.int(2, 6);
    alert(server, "CONDITION_AGENT_CPU", "CPU", "CPU utilization above 90% for 15 minutes", prng.int(1, 4));
  }

  const backupFailed = input.problems.has("backup-failed");
  const backupPartial = input.problems.has("backup-partial");
  const backedUp = devices.filter((d) => d.nodeClass === SERVER.nodeClass || (d.online && prng.chance(0.3)));
  if (backupPartial && backedUp.length < 2) {
    const extra = devices.find((d) => !backedUp.includes(d));
    if (extra) backedUp.push(extra);
  }
  backedUp.forEach((device, index) => {
    const image = device.nodeClass === SERVER.nodeClass;
    const plan = {
      planGuid: `plan-${abbreviation.toLowerCase()}-${image ? "server-image" : "ws-files"}`,
      planName: image ? "Server image (nightly)" : "Workstation documents",
      planType: image ? ("IMAGE" as const) : ("FILE_FOLDER" as const),
    };
    const fails = backupFailed || (backupPartial && index === 0);
    for (const daysAgo of [2, 1]) {
      const start = day - daysAgo * DAY_S + 22 * 3600 + prng.int(0, 3600);
      const latest = daysAgo === 1;
      const status = latest && fails ? "FAILED" : "COMPLETED";
      device.backupJobs.push({
        jobId: `${prng.hex(8)}-${prng.hex(4)}-4000-8000-${String(input.ids.job++).padStart(12, "0")}`,
        ...plan,
        status,
        start: start + prng.int(0, 999) / 1000,
        end: start + prng.int(600, 5400) + prng.int(0, 999) / 1000,
        bytes: status === "COMPLETED" ? prng.int(2, 400) * 1_048_576_000 : 0,
      } satisfies NinjaBackupJob);
    }
  });

  const tickets: NinjaTicket[] = [];
  const ticketCount = prng.int(0, 5);
  for (let i = 0; i < ticketCount; i++) {
    tickets.push({
      id: input.ids.ticket++,
      summary: prng.pick(TICKET_SUMMARIES),
      open: prng.chance(0.55),
      createTime: day - prng.int(1, 30) * DAY_S + prng.int(0, 86_399) + prng.int(0, 999_999) / 1e6,
      priority: prng.pick(["NONE", "LOW", "MEDIUM", "HIGH"]),
    });
  }

  return {
    id: input.ids.organization++,
    name: input.name,
    description: `Managed since ${2019 + prng.int(0, 5)}`,
    nodeApprovalMode: prng.chance(0.8) ? "AUTOMATIC" : "MANUAL",
    devices,
    tickets,
  };
}
