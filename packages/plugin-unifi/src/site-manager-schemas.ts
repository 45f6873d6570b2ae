import { z } from "zod";

/**
 * Site Manager API (https://developer.ui.com/site-manager-api) response shapes. UniFi adds
 * properties without notice and every statistics field may be missing or null, so objects are
 * loose (unknown keys kept, never checked) and only what we read is typed; a value of the wrong
 * type where we read it makes the record malformed.
 */

const count = z.number().int().nonnegative().nullish();
const text = z.string().nullish();

/** `{ data, httpStatusCode, traceId, nextToken? }`; data is checked record by record. */
export const pageEnvelopeSchema = z.looseObject({
  data: z.array(z.unknown()),
  nextToken: z.string().nullish(),
  traceId: text,
});

export const objectEnvelopeSchema = z.looseObject({
  data: z.unknown(),
  traceId: text,
});

/** `{ code, httpStatusCode, message, traceId }` */
export const errorEnvelopeSchema = z.looseObject({
  code: z.string().nullish(),
  message: z.string().nullish(),
  traceId: z.string().nullish(),
});

export const siteCountsSchema = z.looseObject({
  totalDevice: count,
  offlineDevice: count,
  wifiClient: count,
  criticalNotification: count,
  pendingUpdateDevice: count,
  lanConfiguration: count,
  wanConfiguration: count,
  wifiConfiguration: count,
});

export const siteSchema = z.looseObject({
  siteId: z.string().min(1),
  hostId: z.string().min(1).nullish(),
  meta: z.looseObject({ desc: text, name: text, timezone: text }).nullish(),
  statistics: z
    .looseObject({
      counts: siteCountsSchema.nullish(),
      percentages: z
        .looseObject({ txRetry: z.number().nullish(), wanUptime: z.number().nullish() })
        .nullish(),
      /** One entry per 5-minute window with a WAN problem (`highLatency`, or bare: an outage). */
      internetIssues: z.array(z.unknown()).nullish(),
      /** [observed] `hardwareId`, `inspectionState`, `ipsMode`, `ipsSignature{rulesCount,type}`, `shortname`. */
      gateway: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
});
export type SiteManagerSite = z.infer<typeof siteSchema>;

export const hostSchema = z.looseObject({
  id: z.string().min(1),
  type: text,
  ipAddress: text,
  /** Free-form and version-dependent; `state` ("connected"), `name`, `hostname` are read when strings. */
  reportedState: z.record(z.string(), z.unknown()).nullish(),
  lastConnectionStateChange: text,
});
export type SiteManagerHost = z.infer<typeof hostSchema>;

/** `/v1/devices` groups devices by console: `{ hostId, hostName, devices[], updatedAt }`. */
export const deviceGroupSchema = z.looseObject({
  hostId: z.string().min(1),
  hostName: text,
  devices: z.array(z.unknown()).nullish(),
  updatedAt: text,
});
export type SiteManagerDeviceGroup = z.infer<typeof deviceGroupSchema>;

export const deviceSchema = z.looseObject({
  id: z.string().min(1),
  mac: text,
  name: text,
  model: text,
  shortname: text,
  ip: text,
  productLine: text,
  status: text,
  version: text,
});
export type SiteManagerDevice = z.infer<typeof deviceSchema>;

export const sdWanConfigSchema = z.looseObject({ id: z.string().min(1) });

const sdWanMemberSchema = z.looseObject({ siteId: text, hostId: text });
export const sdWanStatusSchema = z.looseObject({
  id: text,
  fingerprint: text,
  hubs: z.array(sdWanMemberSchema).nullish(),
  spokes: z.array(sdWanMemberSchema).nullish(),
});
export type SiteManagerSdWanStatus = z.infer<typeof sdWanStatusSchema>;
