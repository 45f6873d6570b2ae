import { z } from "zod";
import { vendorIdSchema, vendorTextSchema } from "./vendor-text.js";

/**
 * The vendor-neutral vocabulary between data-source plugins and core. Every field a source has
 * no data for is simply absent; core's merging and health scoring decide what absence means.
 */

export const backupStatusSchema = z.enum(["success", "partial", "failed", "unknown"]);
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const availabilitySchema = z.enum(["Available", "Degraded", "Unavailable", "Unknown"]);
export type Availability = z.infer<typeof availabilitySchema>;

const count = z.number().int().nonnegative();
const isoTimestamp = z.iso.datetime({ offset: true });

export const siteObservationSchema = z.object({
  /** Plugin name, e.g. "unifi". */
  source: z.string().min(1),
  /** The vendor's id for the site (UniFi siteId, NinjaOne organization id, Azure subscription[/rg]). */
  sourceId: vendorIdSchema,
  /** Human name as the vendor shows it; used for name matching. */
  name: vendorTextSchema(),
  /**
   * The ids a `sites[].<source>` mapping in config is compared with, e.g. UniFi
   * `{ siteId, hostId }`, NinjaOne `{ organizationId: "12" }`, Azure `{ subscriptionId, resourceGroup }`.
   * A mapping matches when every key it sets equals the value here.
   */
  matchKeys: z.record(z.string(), vendorIdSchema),
  devicesOnline: count.optional(),
  devicesTotal: count.optional(),
  wifiClients: count.optional(),
  weakSignalClients: count.optional(),
  criticalAlerts: count.optional(),
  warningAlerts: count.optional(),
  openTickets: count.optional(),
  backupStatus: backupStatusSchema.optional(),
  lastSeen: isoTimestamp.optional(),
  /** Stable hash of the configuration this source can see (see health/fingerprint). */
  configFingerprint: z.string().min(1).optional(),
  /** True when the source is Azure and the site has resources there. */
  hasAzure: z.boolean().optional(),
  availability: availabilitySchema.optional(),
});
export type SiteObservation = z.infer<typeof siteObservationSchema>;

export const deviceObservationSchema = z.object({
  /** `<source>:<vendor id>`, the Device Key in Notion. */
  key: vendorIdSchema.pipe(z.string().regex(/^[a-z0-9-]+:.+$/, "must be <source>:<vendor id>")),
  source: z.string().min(1),
  vendorId: vendorIdSchema,
  /** sourceId of the site observation this device belongs to. */
  siteSourceId: vendorIdSchema,
  name: vendorTextSchema(),
  vendor: vendorTextSchema().optional(),
  model: vendorTextSchema().optional(),
  /** Lowercase: online, offline, or another vendor state lowercased (pending_adoption, updating, …). */
  status: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_]+$/, "must be lowercase"),
  mac: vendorTextSchema().optional(),
  ip: vendorTextSchema().optional(),
  firmware: vendorTextSchema().optional(),
  lastSeen: isoTimestamp.optional(),
});
export type DeviceObservation = z.infer<typeof deviceObservationSchema>;

export const serviceObservationSchema = z.object({
  source: z.string().min(1),
  /** Service Name in the Azure Pipeline database, e.g. "Virtual Machines". */
  name: vendorTextSchema().pipe(z.string().trim().min(1)),
  category: vendorTextSchema().pipe(z.string().min(1)),
  subscriptionId: vendorIdSchema,
  /** sourceId of the site observation this service belongs to, when it maps to one. */
  siteSourceId: vendorIdSchema.optional(),
  resourceCount: count,
  availability: availabilitySchema,
});
export type ServiceObservation = z.infer<typeof serviceObservationSchema>;

/** A vendor record that could not be used; the run reports it and goes on. */
export const recordErrorSchema = z.object({
  source: z.string().min(1),
  entity: z.enum(["site", "device", "service", "alert", "backup", "other"]),
  /** The vendor id of the record when it could be read. */
  id: z.string().optional(),
  message: z.string().min(1),
});
export type RecordError = z.infer<typeof recordErrorSchema>;

export interface Observations {
  source: string;
  sites: SiteObservation[];
  devices: DeviceObservation[];
  services: ServiceObservation[];
  errors: RecordError[];
  /** Things worth telling the user that are not errors (e.g. "ticketing scope not granted; open tickets skipped"). */
  notes: string[];
}
