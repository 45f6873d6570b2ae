import {
  type DeviceObservation,
  type Logger,
  type Observations,
  type PluginContext,
  type RecordError,
  type SiteObservation,
  validateObservations,
} from "@notion-ops/core";
import type { z } from "zod";
import { type AlertTally, tallyAlerts } from "./alert-severity.js";
import { type BackupTally, tallyBackups } from "./backup-status.js";
import type { NinjaOneConfig } from "./config.js";
import { resolveConnection } from "./connection.js";
import { deviceStatus, toDeviceObservation } from "./device-observation.js";
import { epochMillis } from "./epoch-time.js";
import { createNinjaOneApi, type NinjaOneApi } from "./ninjaone-api.js";
import { chooseTicketBoard, tallyOpenTickets } from "./open-tickets.js";
import { readOptional } from "./optional-input.js";
import { organizationFingerprint } from "./organization-fingerprint.js";
import { parseRecords, type RecordKind } from "./parse-records.js";
import { alertSchema } from "./schemas/alert.js";
import { backupJobSchema } from "./schemas/backup-job.js";
import { deviceSchema, type NinjaOneDevice } from "./schemas/device.js";
import { deviceHealthSchema } from "./schemas/device-health.js";
import { type NinjaOneOrganization, organizationSchema } from "./schemas/organization.js";
import { boardTicketSchema, ticketBoardSchema } from "./schemas/ticket.js";

interface Sinks {
  errors: RecordError[];
  notes: string[];
  logger: Logger;
}

/**
 * One run against NinjaOne: organizations and devices (without them there is nothing to report,
 * so their failure throws), then the health inputs, each of which the run can do without.
 */
export async function collectNinjaOne(context: PluginContext<NinjaOneConfig>): Promise<Observations> {
  const { config, logger } = context;
  const connection = resolveConnection(config, context.env);
  const api = createNinjaOneApi({
    connection,
    pageSize: config.pageSize,
    logger,
    now: context.now ?? (() => new Date()),
    ...(context.fetch ? { fetch: context.fetch } : {}),
    ...(context.sleep ? { sleep: context.sleep } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const sinks: Sinks = { errors: [], notes: [], logger };

  const organizations = await readEntities(
    api.organizations(),
    organizationSchema,
    { entity: "site", label: "organization" },
    sinks,
  );
  const devices = await readEntities(
    api.devices(),
    deviceSchema,
    { entity: "device", label: "device" },
    sinks,
  );
  logger.info(`ninjaone: ${organizations.size} organizations, ${devices.size} devices`);

  const health = await readOptional(
    { label: "device health", entity: "device", without: "alerts are classified without device health" },
    () => readHealth(api, sinks),
    sinks,
  );
  const alerts = await readOptional(
    { label: "alerts", entity: "alert", without: "alert counts are left empty" },
    () => readAlerts(api, devices, health, sinks),
    sinks,
  );
  const backups = await readOptional(
    { label: "backup jobs", entity: "backup", without: "backup status is left empty" },
    () => readBackups(api, devices, sinks),
    sinks,
  );
  const openTickets = config.openTickets
    ? await readOptional(
        { label: "ticketing", entity: "other", without: "open tickets are not counted" },
        () => readOpenTickets(api, config.ticketBoard, [...organizations.values()], sinks),
        sinks,
      )
    : undefined;

  const devicesByOrganization = new Map<number, NinjaOneDevice[]>();
  let orphans = 0;
  for (const device of devices.values()) {
    if (!organizations.has(device.organizationId)) orphans++;
    const list = devicesByOrganization.get(device.organizationId) ?? [];
    list.push(device);
    devicesByOrganization.set(device.organizationId, list);
  }
  if (orphans > 0) {
    sinks.notes.push(
      `${orphans} device(s) belong to organizations not in the organization list (added or removed during the run?); they are reported without a site count`,
    );
  }

  const sites: SiteObservation[] = [...organizations.values()].map((organization) =>
    toSiteObservation(organization, devicesByOrganization.get(organization.id) ?? [], {
      alerts,
      backups,
      openTickets,
    }),
  );
  const deviceObservations: DeviceObservation[] = [...devices.values()].map(toDeviceObservation);

  return validateObservations({
    source: "ninjaone",
    sites,
    devices: deviceObservations,
    services: [],
    errors: sinks.errors,
    notes: sinks.notes,
  });
}

interface SiteInputs {
  alerts: AlertTally | undefined;
  backups: BackupTally | undefined;
  openTickets: Map<number, number> | undefined;
}

function toSiteObservation(
  organization: NinjaOneOrganization,
  devices: readonly NinjaOneDevice[],
  inputs: SiteInputs,
): SiteObservation {
  const lastContact = devices.reduce(
    (latest, device) => Math.max(latest, epochMillis(device.lastContact) ?? 0),
    0,
  );
  const alertCounts = inputs.alerts?.byOrganization.get(organization.id) ?? { critical: 0, warning: 0 };
  return {
    source: "ninjaone",
    sourceId: String(organization.id),
    name: organization.name,
    matchKeys: { organizationId: String(organization.id) },
    devicesOnline: devices.filter((device) => deviceStatus(device) === "online").length,
    devicesTotal: devices.length,
    ...(inputs.alerts ? { criticalAlerts: alertCounts.critical, warningAlerts: alertCounts.warning } : {}),
    ...(inputs.backups
      ? { backupStatus: inputs.backups.byOrganization.get(organization.id) ?? "unknown" }
      : {}),
    ...(inputs.openTickets ? { openTickets: inputs.openTickets.get(organization.id) ?? 0 } : {}),
    ...(lastContact > 0 ? { lastSeen: new Date(lastContact).toISOString() } : {}),
    configFingerprint: organizationFingerprint(organization, devices),
  };
}

/** Reads an `after`-paged entity list, keeping each id once. */
async function readEntities<T extends { id: number }>(
  pages: AsyncIterable<unknown[]>,
  schema: z.ZodType<T>,
  kind: RecordKind,
  sinks: Sinks,
): Promise<Map<number, T>> {
  const byId = new Map<number, T>();
  const position = { offset: 0 };
  for await (const page of pages) {
    const { records, errors } = parseRecords(page, schema, kind, position);
    sinks.errors.push(...errors);
    for (const error of errors) sinks.logger.warn(`ninjaone: ${error.message}`);
    for (const record of records) {
      if (byId.has(record.id))
        sinks.logger.debug(`ninjaone: ${kind.label} ${record.id} listed twice; kept once`);
      else byId.set(record.id, record);
    }
  }
  return byId;
}

async function readPagedRecords<T>(
  pages: AsyncIterable<unknown[]>,
  schema: z.ZodType<T>,
  kind: RecordKind,
  sinks: Sinks,
) {
  const all: T[] = [];
  const position = { offset: 0 };
  for await (const page of pages) {
    const { records, errors } = parseRecords(page, schema, kind, position);
    sinks.errors.push(...errors);
    for (const error of errors) sinks.logger.warn(`ninjaone: ${error.message}`);
    all.push(...records);
  }
  return all;
}

async function readHealth(api: NinjaOneApi, sinks: Sinks): Promise<Map<number, string>> {
  const rows = await readPagedRecords(
    api.deviceHealth(),
    deviceHealthSchema,
    { entity: "device", label: "device-health row", idField: "deviceId" },
    sinks,
  );
  const byDevice = new Map<number, string>();
  for (const row of rows) if (row.healthStatus) byDevice.set(row.deviceId, row.healthStatus);
  return byDevice;
}

async function readAlerts(
  api: NinjaOneApi,
  devices: ReadonlyMap<number, NinjaOneDevice>,
  health: ReadonlyMap<number, string> | undefined,
  sinks: Sinks,
): Promise<AlertTally> {
  const raw = await api.alerts();
  const { records, errors } = parseRecords(raw, alertSchema, {
    entity: "alert",
    label: "alert",
    idField: "uid",
  });
  sinks.errors.push(...errors);
  const tally = tallyAlerts(records, devices, health);
  if (tally.unattributed > 0) {
    sinks.notes.push(
      `${tally.unattributed} alert(s) are on devices of no known organization and were not counted`,
    );
  }
  return tally;
}

async function readBackups(
  api: NinjaOneApi,
  devices: ReadonlyMap<number, NinjaOneDevice>,
  sinks: Sinks,
): Promise<BackupTally> {
  const jobs = await readPagedRecords(
    api.backupJobs(),
    backupJobSchema,
    { entity: "backup", label: "backup job", idField: "jobId" },
    sinks,
  );
  const tally = tallyBackups(jobs, devices);
  if (tally.unrecognisedStatuses.size > 0) {
    sinks.notes.push(
      `backup jobs with unrecognised jobStatus ${[...tally.unrecognisedStatuses].map((s) => `"${s}"`).join(", ")} were not judged`,
    );
  }
  if (tally.unattributed > 0) {
    sinks.notes.push(
      `${tally.unattributed} backup job(s) are on devices of no known organization and were not judged`,
    );
  }
  return tally;
}

async function readOpenTickets(
  api: NinjaOneApi,
  wanted: number | string,
  organizations: readonly NinjaOneOrganization[],
  sinks: Sinks,
): Promise<Map<number, number> | undefined> {
  const boards = parseRecords(await api.ticketBoards(), ticketBoardSchema, {
    entity: "other",
    label: "ticket board",
  });
  sinks.errors.push(...boards.errors);
  const board = chooseTicketBoard(boards.records, wanted);
  if (!board) {
    const names = boards.records.map((b) => `${b.id} "${b.name ?? ""}"`).join(", ") || "none";
    sinks.notes.push(
      `open tickets are not counted: no ticket board ${typeof wanted === "number" ? `with id ${wanted}` : `named "${wanted}"`} (boards: ${names}); set sources.ninjaone.ticketBoard to a board id or name`,
    );
    return undefined;
  }
  const tickets = await readPagedRecords(
    api.boardTickets(board.id),
    boardTicketSchema,
    { entity: "other", label: "ticket" },
    sinks,
  );
  const tally = tallyOpenTickets(tickets, organizations);
  if (tally.unattributed > 0) {
    sinks.notes.push(
      `${tally.unattributed} open ticket(s) on board "${board.name ?? board.id}" name no single known organization and were not counted`,
    );
  }
  return tally.byOrganization;
}
