import type { DemoEstate, NinjaDevice, NinjaOrganization, NinjaTicket } from "./estate.js";
import {
  type FakeRequest,
  type FakeResponse,
  type FakeServer,
  startLoopbackServer,
} from "./loopback-server.js";

const ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.demo-ninjaone-access-token";
const BOARDS = [
  { id: 1, name: "Unassigned tickets", system: true },
  { id: 2, name: "All tickets", system: true },
  { id: 4, name: "Open tickets", system: true },
] as const;

/**
 * A local NinjaOne public API v2 serving the estate's organizations in the published shapes:
 * OAuth2 client credentials at `/ws/oauth/token` (form-encoded), entity lists as bare arrays
 * paged with `pageSize` + `after`, reports as `{cursor, results}` paged by cursor name, alerts,
 * backup jobs, and ticket boards with a `POST …/run` paged by `lastCursorId`. Timestamps are
 * epoch seconds as floats.
 */
export async function startFakeNinjaOne(
  estate: DemoEstate,
  options: { clientId: string; clientSecret: string },
): Promise<FakeServer> {
  const organizations = estate.sites.flatMap((site) => (site.ninjaone ? [site.ninjaone] : []));
  const devices = organizations.flatMap((org) => org.devices.map((device) => ({ org, device })));
  const tickets = organizations.flatMap((org) => org.tickets.map((ticket) => ({ org, ticket })));
  const issuedCursors = new Map<string, number>();
  let cursors = 0;
  const apiError = (status: number, message: string): FakeResponse => ({
    status,
    body: {
      resultCode: status === 401 ? "UNAUTHORIZED" : "FAILURE",
      errorMessage: message,
      incidentId: `demo-${status}`,
    },
  });

  const afterIdPage = <T extends { id: number }>(
    request: FakeRequest,
    records: readonly T[],
    render: (r: T) => unknown,
  ) => {
    const pageSize = positiveInt(request.query.get("pageSize"), 1000);
    const after = positiveInt(request.query.get("after"), -1);
    const rows = [...records].sort((a, b) => a.id - b.id).filter((r) => r.id > after);
    return { status: 200, body: rows.slice(0, pageSize).map(render) };
  };

  const cursorReport = (request: FakeRequest, rows: readonly unknown[], report: string): FakeResponse => {
    const pageSize = positiveInt(request.query.get("pageSize"), 10_000);
    const name = request.query.get("cursor");
    const offset = name === null ? 0 : issuedCursors.get(name);
    if (offset === undefined) return apiError(400, `cursor ${name} is unknown or expired`);
    const results = rows.slice(offset, offset + pageSize);
    const next = `${report}-${(++cursors).toString(16).padStart(8, "0")}-7c1e-4b2a-9f3d-5a6b7c8d9e0f`;
    issuedCursors.set(next, offset + results.length);
    return {
      status: 200,
      body: {
        cursor: {
          name: next,
          offset,
          count: results.length,
          expires: estate.day.getTime() / 1000 + 86_400.5,
        },
        results,
      },
    };
  };

  return startLoopbackServer("fake NinjaOne", (request) => {
    if (request.path === "/ws/oauth/token") return token(request, options);
    if (request.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return apiError(401, "Invalid token");
    if (request.method === "GET") {
      switch (request.path) {
        case "/v2/organizations":
          return afterIdPage(request, organizations, organizationRecord);
        case "/v2/devices-detailed":
          return afterIdPage(
            request,
            devices.map((d) => ({ ...d, id: d.device.id })),
            ({ org, device }) => deviceRecord(org, device),
          );
        case "/v2/queries/device-health":
          return cursorReport(
            request,
            devices.map(({ device }) => healthRow(device)),
            "device-health",
          );
        case "/v2/alerts":
          return {
            status: 200,
            body: devices.flatMap(({ device }) => device.alerts.map((a) => ({ ...a, deviceId: device.id }))),
          };
        case "/v2/backup/jobs":
          return cursorReport(
            request,
            devices.flatMap(({ org, device }) =>
              device.backupJobs.map((job) => ({
                jobId: job.jobId,
                jobStartTime: job.start,
                jobEndTime: job.end,
                jobStatus: job.status,
                planGuid: job.planGuid,
                planName: job.planName,
                planType: job.planType,
                totalActualStorageBytes: job.bytes,
                organizationId: org.id,
                locationId: org.id,
                deviceId: device.id,
              })),
            ),
            "backup-jobs",
          );
        case "/v2/ticketing/trigger/boards":
          return {
            status: 200,
            body: BOARDS.map((board) => ({
              ...board,
              uid: `b0a1c2d3-000${board.id}-4000-8000-00000000000${board.id}`,
              description: "",
              ticketCount: boardTickets(board.id).length,
            })),
          };
      }
    }
    const run = /^\/v2\/ticketing\/trigger\/board\/(\d+)\/run$/.exec(request.path);
    if (request.method === "POST" && run) {
      const board = Number(run[1]);
      if (!BOARDS.some((b) => b.id === board)) return apiError(404, `board ${board} not found`);
      const body = parseJson(request.body) as { pageSize?: number; lastCursorId?: number } | undefined;
      const pageSize = body?.pageSize && body.pageSize > 0 ? body.pageSize : 50;
      const rows = boardTickets(board).filter(({ ticket }) => ticket.id > (body?.lastCursorId ?? 0));
      const page = rows.slice(0, pageSize);
      return {
        status: 200,
        body: {
          data: page.map(({ org, ticket }) => ticketRow(org, ticket)),
          metadata: {
            columns: ["id", "summary", "status", "organization"],
            sortBy: [{ field: "id", direction: "ASC" }],
            attributes: [],
            filters: [],
            ...(page.length > 0 ? { lastCursorId: page.at(-1)!.ticket.id } : {}),
            allRequiredColumns: ["id"],
          },
        },
      };
    }
    return apiError(404, `no route for ${request.method} ${request.path}`);
  });

  function boardTickets(board: number) {
    if (board === 1) return [];
    return tickets
      .filter(({ ticket }) => board === 2 || ticket.open)
      .sort((a, b) => a.ticket.id - b.ticket.id);
  }
}

function token(request: FakeRequest, options: { clientId: string; clientSecret: string }): FakeResponse {
  const form = new URLSearchParams(request.body);
  if (request.method !== "POST") return { status: 405, body: { error: "invalid_request" } };
  if (form.get("grant_type") !== "client_credentials") {
    return {
      status: 400,
      body: { error: "unsupported_grant_type", error_description: "grant_type must be client_credentials" },
    };
  }
  if (form.get("client_id") !== options.clientId || form.get("client_secret") !== options.clientSecret) {
    return {
      status: 401,
      body: { error: "invalid_client", error_description: "Client authentication failed" },
    };
  }
  const scopes = (form.get("scope") ?? "").split(" ").filter(Boolean);
  if (scopes.some((s) => !["monitoring", "management", "control"].includes(s))) {
    return {
      status: 400,
      body: { error: "invalid_scope", error_description: `unknown scope in "${form.get("scope")}"` },
    };
  }
  return {
    status: 200,
    body: { access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600, scope: scopes.join(" ") },
  };
}

function organizationRecord(org: NinjaOrganization) {
  return {
    id: org.id,
    name: org.name,
    description: org.description,
    nodeApprovalMode: org.nodeApprovalMode,
    tags: ["managed"],
    fields: {},
    userData: {},
  };
}

function deviceRecord(org: NinjaOrganization, device: NinjaDevice) {
  return {
    id: device.id,
    uid: device.uid,
    organizationId: org.id,
    locationId: org.id,
    nodeClass: device.nodeClass,
    nodeRoleId: device.nodeRoleId,
    rolePolicyId: device.policyId,
    policyId: device.policyId,
    approvalStatus: "APPROVED",
    offline: !device.online,
    displayName: device.displayName,
    systemName: device.displayName,
    dnsName: device.dnsName,
    netbiosName: device.displayName.slice(0, 15),
    created: device.created,
    lastContact: device.lastContact,
    lastUpdate: device.lastContact,
    tags: [],
    fields: {},
    maintenance: null,
    ipAddresses: device.ipAddresses,
    macAddresses: device.macAddresses,
    publicIP: device.publicIp,
    deviceType: "AGENT",
    os: {
      manufacturer: device.os.manufacturer,
      name: device.os.name,
      architecture: "64-bit",
      lastBootTime: device.os.lastBootTime,
      buildNumber: device.os.buildNumber,
      releaseId: device.os.releaseId,
      needsReboot: device.pendingPatches > 2,
    },
    system: {
      name: device.displayName,
      manufacturer: device.system.manufacturer,
      model: device.system.model,
      biosSerialNumber: device.system.serialNumber,
      serialNumber: device.system.serialNumber,
      domain: device.system.domain,
      virtualMachine: device.system.virtualMachine,
    },
    references: { organization: { id: org.id, name: org.name } },
  };
}

function healthRow(device: NinjaDevice) {
  return {
    deviceId: device.id,
    parentDeviceId: null,
    offline: !device.online,
    parentOffline: false,
    healthStatus: device.health,
    activeThreatsCount: 0,
    quarantinedThreatsCount: 0,
    blockedThreatsCount: 0,
    failedOSPatchesCount: device.failedPatches,
    pendingOSPatchesCount: device.pendingPatches,
    alertCount: device.alerts.length,
    activeJobCount: 0,
    failedSoftwarePatchesCount: 0,
    pendingSoftwarePatchesCount: 0,
    installationIssuesCount: 0,
    pendingRebootReason: device.pendingPatches > 2 ? "WINDOWS_PM" : null,
    avInstallStatus: "INSTALLED",
    productsInstallationStatuses: {},
  };
}

function ticketRow(org: NinjaOrganization, ticket: NinjaTicket) {
  const status = ticket.open
    ? ticket.id % 3 === 0
      ? { statusId: 2001, displayName: "Impending User Action", parentId: 2000 }
      : { statusId: 1000, displayName: "New", parentId: 1000 }
    : { statusId: 6000, displayName: "Closed", parentId: 6000 };
  return {
    id: ticket.id,
    createTime: ticket.createTime,
    summary: ticket.summary,
    status,
    priority: ticket.priority,
    severity: "NONE",
    tags: [],
    requester: null,
    assignedAppUser: ticket.open ? null : "Sam Tech",
    lastUpdated: ticket.createTime + 3600.25,
    organization: org.name,
    clientId: org.id,
    source: "EMAIL",
    type: "PROBLEM",
    ticketForm: "Default",
  };
}

function positiveInt(value: string | null, fallback: number): number {
  const parsed = value === null ? Number.NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
