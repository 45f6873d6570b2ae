import type { DemoEstate, UnifiSite } from "./estate.js";
import {
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  startLoopbackServer,
} from "./loopback-server.js";

/** Site Manager pages hold at most this many records here, so a demo run pages at least once. */
export const FAKE_UNIFI_PAGE_LIMIT = 20;
const TOKEN_PREFIX = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:";

/**
 * A local UniFi Site Manager API (`/v1/hosts`, `/v1/sites`, `/v1/devices`, `/v1/sd-wan-configs`)
 * serving the estate's UniFi sites in the published shapes: the `{data, httpStatusCode, traceId}`
 * envelope, `pageSize` + `nextToken` paging, `X-API-KEY` auth and the documented error bodies.
 * Each customer site is on its own console, so `/v1/devices` places every device.
 */
export async function startFakeUnifi(estate: DemoEstate, options: { apiKey: string }): Promise<FakeServer> {
  const sites = estate.sites.flatMap((site) => (site.unifi ? [site.unifi] : []));
  let traces = 0;
  const traceId = () => (0x5e1f0000 + ++traces).toString(16).padStart(32, "0");
  const error = (status: number, code: string, message: string): FakeResponse => ({
    status,
    body: { code, httpStatusCode: status, message, traceId: traceId() },
  });

  const page = (request: FakeRequest, records: readonly unknown[]): FakeResponse => {
    const token = request.query.get("nextToken");
    const offset = token === null ? 0 : Number(token.slice(TOKEN_PREFIX.length));
    if (token !== null && (!token.startsWith(TOKEN_PREFIX) || !Number.isInteger(offset) || offset < 0)) {
      return error(400, "BAD_REQUEST", `invalid nextToken: ${token}`);
    }
    const asked = Number(request.query.get("pageSize") ?? FAKE_UNIFI_PAGE_LIMIT);
    if (!Number.isInteger(asked) || asked < 1)
      return error(400, "BAD_REQUEST", "pageSize must be a positive integer");
    const size = Math.min(asked, FAKE_UNIFI_PAGE_LIMIT);
    const end = offset + size;
    return {
      status: 200,
      body: {
        data: records.slice(offset, end),
        httpStatusCode: 200,
        traceId: traceId(),
        ...(end < records.length ? { nextToken: `${TOKEN_PREFIX}${end}` } : {}),
      },
    };
  };

  return startLoopbackServer("fake UniFi Site Manager", (request) => {
    if (request.headers["x-api-key"] !== options.apiKey) return error(401, "UNAUTHORIZED", "unauthorized");
    if (request.method !== "GET")
      return error(404, "NOT_FOUND", `no route for ${request.method} ${request.path}`);
    switch (request.path) {
      case "/v1/hosts":
        return page(request, sites.map(hostRecord));
      case "/v1/sites":
        return page(request, sites.map(siteRecord));
      case "/v1/devices": {
        const wanted = request.query.getAll("hostIds[]");
        return page(
          request,
          sites.filter((s) => wanted.length === 0 || wanted.includes(s.hostId)).map(deviceGroup),
        );
      }
      case "/v1/sd-wan-configs":
        return page(request, []);
      default:
        return error(404, "NOT_FOUND", `thing not found: ${request.path}`);
    }
  });
}

function hostRecord(site: UnifiSite) {
  const gateway = site.devices.find((d) => d.kind === "gateway")!;
  return {
    id: site.hostId,
    hardwareId: site.hostHardwareId,
    type: "console",
    ipAddress: site.hostIp,
    owner: true,
    isBlocked: false,
    registrationTime: site.registrationTime,
    lastConnectionStateChange: site.lastConnectionStateChange,
    latestBackupTime: site.connected ? site.devicesUpdatedAt : site.lastConnectionStateChange,
    userData: { status: "ACTIVE", email: "noc@example-msp.com", role: "owner" },
    reportedState: {
      state: site.connected ? "connected" : "disconnected",
      name: site.hostName,
      hostname: site.hostName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      version: gateway.version,
      hardware: { shortname: gateway.shortname },
    },
  };
}

function siteRecord(site: UnifiSite) {
  const offline = (kind?: string) =>
    site.devices.filter((d) => !d.online && (kind === undefined || d.kind === kind)).length;
  const count = (kind: string) => site.devices.filter((d) => d.kind === kind).length;
  const gateway = site.devices.find((d) => d.kind === "gateway")!;
  return {
    siteId: site.siteId,
    hostId: site.hostId,
    meta: { desc: site.description, gatewayMac: gateway.mac, name: "default", timezone: site.timezone },
    statistics: {
      counts: {
        criticalNotification: site.criticalNotifications,
        gatewayDevice: count("gateway"),
        guestClient: site.guestClients,
        lanConfiguration: site.lanConfigurations,
        offlineDevice: offline(),
        offlineGatewayDevice: offline("gateway"),
        offlineWifiDevice: offline("ap"),
        offlineWiredDevice: offline("switch"),
        pendingUpdateDevice: site.devices.filter((d) => d.updateAvailable).length,
        totalDevice: site.devices.length,
        wanConfiguration: site.wanConfigurations,
        wifiClient: site.wifiClients,
        wifiConfiguration: site.wifiConfigurations,
        wifiDevice: count("ap"),
        wiredClient: site.wiredClients,
        wiredDevice: count("switch"),
      },
      gateway: {
        hardwareId: site.hostHardwareId,
        inspectionState: site.ips.inspectionState,
        ipsMode: site.ips.ipsMode,
        ipsSignature: { rulesCount: site.ips.rulesCount, type: site.ips.type },
        shortname: gateway.shortname,
      },
      internetIssues: site.internetIssues,
      ispInfo: site.isp,
      percentages: { txRetry: site.txRetry, wanUptime: site.wanUptime },
    },
    permission: "admin",
    isOwner: true,
  };
}

function deviceGroup(site: UnifiSite) {
  return {
    hostId: site.hostId,
    hostName: site.hostName,
    devices: site.devices.map((device) => ({
      id: device.id,
      mac: device.mac,
      name: device.name,
      model: device.model,
      shortname: device.shortname,
      ip: device.ip,
      productLine: "network",
      status: device.online ? "online" : "offline",
      version: device.version,
      firmwareStatus: device.updateAvailable ? "updateAvailable" : "upToDate",
      updateAvailable: device.updateAvailable,
      isConsole: device.kind === "gateway",
      isManaged: true,
      startupTime: device.online ? device.startupTime : null,
      adoptionTime: null,
      note: null,
    })),
    updatedAt: site.devicesUpdatedAt,
  };
}
