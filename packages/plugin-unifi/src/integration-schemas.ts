import { z } from "zod";

/**
 * UniFi Network application "integration" API (`/proxy/network/integration/v1/...`), the same
 * locally and through the cloud connector. Objects are loose; only what we read is typed.
 */

const text = z.string().nullish();

/** `{ offset, limit, count, totalCount, data }`; data is checked record by record. */
export const offsetPageSchema = z.looseObject({
  offset: z.number().int().nonnegative().nullish(),
  limit: z.number().int().nonnegative().nullish(),
  count: z.number().int().nonnegative().nullish(),
  totalCount: z.number().int().nonnegative().nullish(),
  data: z.array(z.unknown()),
});

/** `{ statusCode, statusName, code, message, timestamp, requestPath, requestId }` */
export const integrationErrorSchema = z.looseObject({
  statusName: text,
  code: text,
  message: text,
  requestId: text,
});

export const infoSchema = z.looseObject({ applicationVersion: text });

export const integrationSiteSchema = z.looseObject({
  id: z.string().min(1),
  /** The legacy site slug ("default"), Site Manager's `meta.name`. */
  internalReference: text,
  name: text,
});
export type IntegrationSite = z.infer<typeof integrationSiteSchema>;

export const integrationDeviceSchema = z.looseObject({
  id: z.string().min(1),
  macAddress: text,
  ipAddress: text,
  name: text,
  model: text,
  /** ONLINE, OFFLINE, PENDING_ADOPTION, UPDATING, GETTING_READY, ADOPTING, … */
  state: text,
  /** Listed from Network 10.x; absent on 9.x list items. */
  firmwareVersion: text,
  /** Strings ("accessPoint", …) in lists; objects keyed by feature in device details. */
  features: z.unknown().optional(),
});
export type IntegrationDevice = z.infer<typeof integrationDeviceSchema>;

export const integrationClientSchema = z.looseObject({
  id: z.string().min(1),
  /** WIRED, WIRELESS, VPN, TELEPORT */
  type: text,
  uplinkDeviceId: text,
});
export type IntegrationClient = z.infer<typeof integrationClientSchema>;

export const deviceStatisticsSchema = z.looseObject({
  interfaces: z
    .looseObject({
      radios: z
        .array(z.looseObject({ frequencyGHz: z.number().nullish(), txRetriesPct: z.number().nullish() }))
        .nullish(),
    })
    .nullish(),
});
export type DeviceStatistics = z.infer<typeof deviceStatisticsSchema>;
