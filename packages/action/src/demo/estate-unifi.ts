import type { Problem, UnifiDevice, UnifiSite } from "./estate.js";
import type { Prng } from "./prng.js";

interface Product {
  model: string;
  shortname: string;
  version: string;
}

const GATEWAYS: readonly Product[] = [
  { model: "UniFi Dream Machine Pro", shortname: "UDMPRO", version: "4.1.13" },
  { model: "UniFi Dream Machine Pro Max", shortname: "UDMPROMAX", version: "4.1.13" },
  { model: "UniFi Cloud Gateway Ultra", shortname: "UCGULTRA", version: "4.0.21" },
  { model: "UniFi Dream Router", shortname: "UDR", version: "4.1.13" },
];
const SWITCHES: readonly Product[] = [
  { model: "USW Pro 24 PoE", shortname: "USWPRO24POE", version: "7.1.26" },
  { model: "USW Lite 8 PoE", shortname: "USL8LPB", version: "7.1.26" },
  { model: "USW 24 PoE", shortname: "US24PB", version: "7.0.50" },
  { model: "USW Lite 16 PoE", shortname: "USL16LPB", version: "7.1.26" },
];
const ACCESS_POINTS: readonly Product[] = [
  { model: "U6 Pro", shortname: "UAP6MP", version: "6.6.77" },
  { model: "U6 Lite", shortname: "UAL6", version: "6.6.77" },
  { model: "U6 Long-Range", shortname: "UALR6v2", version: "6.6.65" },
  { model: "U7 Pro", shortname: "U7PRO", version: "7.0.66" },
];
const AP_PLACES: readonly string[] = [
  "Lobby",
  "Front Desk",
  "Conference",
  "Break Room",
  "Back Office",
  "Upstairs",
  "Storage",
  "Hallway",
  "Patio",
  "Exam Rooms",
];
const TIMEZONES: readonly string[] = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
];
const ISPS: readonly { name: string; organization: string }[] = [
  { name: "Comcast Business", organization: "Comcast Cable Communications, LLC" },
  { name: "AT&T", organization: "AT&T Services, Inc." },
  { name: "Spectrum", organization: "Charter Communications Inc" },
  { name: "Verizon Fios", organization: "Verizon Business" },
  { name: "Lumen", organization: "CenturyLink Communications, LLC" },
];

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");

/** One customer's UniFi site on its own console, with 3–10 network devices. */
export function buildUnifiSite(
  prng: Prng,
  input: { name: string; key: string; day: Date; problems: ReadonlySet<Problem> },
): UnifiSite {
  const day = input.day.getTime();
  const abbreviation = input.key.split("-")[0]!;
  const subnet = prng.int(1, 254);
  const deviceCount = prng.int(3, 10);
  const switchCount = deviceCount >= 7 ? 2 : 1;
  const gateway = prng.pick(GATEWAYS);
  const devices: UnifiDevice[] = [];
  const places = prng.shuffle(AP_PLACES);
  for (let i = 0; i < deviceCount; i++) {
    const kind = i === 0 ? "gateway" : i <= switchCount ? "switch" : "ap";
    const product =
      kind === "gateway" ? gateway : kind === "switch" ? prng.pick(SWITCHES) : prng.pick(ACCESS_POINTS);
    const macHex = `${prng.pick(["f4e2c6", "74acb9", "d8b370", "245a4c", "9c05d6"])}${prng.hex(6)}`;
    const name =
      kind === "gateway"
        ? `${abbreviation} Gateway`
        : kind === "switch"
          ? `${abbreviation} ${i === 1 ? "Core" : "Closet"} Switch`
          : `${abbreviation} AP ${places[(i - switchCount - 1) % places.length]}`;
    devices.push({
      id: macHex.toUpperCase(),
      mac: macHex.match(/../g)!.join(":"),
      name,
      model: product.model,
      shortname: product.shortname,
      kind,
      ip: `192.168.${subnet}.${kind === "gateway" ? 1 : kind === "switch" ? 1 + i : 20 + i}`,
      online: true,
      version: product.version,
      updateAvailable: prng.chance(0.15) ? bumpVersion(product.version) : null,
      startupTime: iso(day - prng.int(2, 60) * 24 * HOUR - prng.int(0, 23) * HOUR),
    });
  }

  let connected = true;
  if (input.problems.has("console-offline")) {
    connected = false;
    for (const device of devices) device.online = false;
  } else if (input.problems.has("devices-offline")) {
    const offline = prng.shuffle(devices.filter((d) => d.kind !== "gateway")).slice(0, prng.int(1, 3));
    for (const device of offline) device.online = false;
  }

  const accessPoints = devices.filter((d) => d.kind === "ap").length;
  const internetIssues = input.problems.has("wan-issues")
    ? Array.from({ length: prng.int(2, 5) }, (_, i) => ({
        index: Math.floor(day / 300_000) - 40 + i * 3,
        highLatency: i % 2 === 0,
        ...(i % 2 === 0 ? { latencyAvgMs: prng.int(180, 420), latencyMaxMs: prng.int(500, 1400) } : {}),
      }))
    : [];
  return {
    hostId: `${prng.hex(60).toUpperCase()}:${prng.int(100_000_000, 2_147_483_647)}`,
    hostHardwareId: uuid(prng),
    hostName: `${input.name} ${gateway.shortname}`,
    hostIp: `198.51.100.${prng.int(2, 254)}`,
    connected,
    lastConnectionStateChange: iso(connected ? day - prng.int(3, 40) * 24 * HOUR : day - 5 * HOUR),
    registrationTime: iso(Date.UTC(2023, prng.int(0, 11), prng.int(1, 28), prng.int(8, 17))),
    siteId: prng.hex(24),
    description: input.name,
    timezone: prng.pick(TIMEZONES),
    devices,
    devicesUpdatedAt: iso(day + prng.int(30, 240) * 1000),
    wifiClients: connected ? accessPoints * prng.int(4, 22) : 0,
    wiredClients: connected ? prng.int(3, 40) : 0,
    guestClients: connected ? prng.int(0, 6) : 0,
    txRetry: input.problems.has("weak-wifi") ? 24 + prng.int(0, 80) / 10 : 1.5 + prng.int(0, 75) / 10,
    wanUptime: internetIssues.length > 0 ? 97 + prng.int(0, 20) / 10 : 99.9 + prng.int(0, 10) / 100,
    criticalNotifications:
      input.problems.has("critical-alerts") || input.problems.has("console-offline") ? prng.int(1, 2) : 0,
    internetIssues,
    lanConfigurations: prng.int(1, 4),
    wanConfigurations: prng.pick([1, 2]),
    wifiConfigurations: prng.int(1, 3),
    ips: {
      inspectionState: "on",
      ipsMode: prng.pick(["ips", "ids"]),
      rulesCount: prng.int(48_000, 56_000),
      type: "ET",
    },
    isp: prng.pick(ISPS),
  };
}

function bumpVersion(version: string): string {
  const parts = version.split(".").map(Number);
  parts[parts.length - 1] = (parts.at(-1) ?? 0) + 3;
  return parts.join(".");
}

export function uuid(prng: Prng): string {
  const hex = prng.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[prng.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}
