import { parseBaseUrl } from "@notion-ops/core";
import { z } from "zod";

/**
 * `sources.unifi` in notion-ops.yml. Unknown keys are errors.
 * - `mode`: `cloud` (default) reads the Site Manager API at UNIFI_BASE_URL; `connector` reads Site
 *   Manager and, through the cloud connector, each console's Network integration API; `local`
 *   reads one console's Network integration API at `consoleUrl` (a runner on the customer's LAN).
 * - `consoleUrl` (local only, required there): the console, e.g. `https://192.168.1.1`; https
 *   unless it is a loopback address.
 * - `hostIds` (cloud, connector): only these consoles (Site Manager host ids). In connector mode
 *   they are the consoles reached through the connector; default: every console that has a site.
 * - `allowSelfSignedTls` (local only, default false): accept the console's self-signed certificate.
 * - `weakSignal` (default `tx-retry`): how weak-signal clients are estimated (README); `off` reports none.
 * - `timeoutSeconds` (default 30): per request, before it is retried.
 */
export const unifiConfigSchema = z
  .strictObject({
    mode: z.enum(["cloud", "local", "connector"]).default("cloud"),
    consoleUrl: z.string().trim().min(1).optional(),
    hostIds: z.array(z.string().trim().min(1)).min(1).optional(),
    allowSelfSignedTls: z.boolean().default(false),
    weakSignal: z.enum(["tx-retry", "off"]).default("tx-retry"),
    timeoutSeconds: z.number().positive().max(600).default(30),
  })
  .superRefine((config, ctx) => {
    if (config.mode === "local") {
      if (config.consoleUrl === undefined) {
        ctx.addIssue({ code: "custom", path: ["consoleUrl"], message: "is required when mode is local" });
      } else {
        try {
          parseBaseUrl(config.consoleUrl, "consoleUrl");
        } catch (error) {
          ctx.addIssue({ code: "custom", path: ["consoleUrl"], message: (error as Error).message });
        }
      }
      if (config.hostIds !== undefined) {
        ctx.addIssue({ code: "custom", path: ["hostIds"], message: "is not used when mode is local" });
      }
      return;
    }
    if (config.consoleUrl !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["consoleUrl"],
        message: `is only used when mode is local (mode is ${config.mode})`,
      });
    }
    if (config.allowSelfSignedTls) {
      ctx.addIssue({
        code: "custom",
        path: ["allowSelfSignedTls"],
        message: `is only used when mode is local (mode is ${config.mode}); the cloud has a trusted certificate`,
      });
    }
  });

export type UnifiConfig = z.output<typeof unifiConfigSchema>;
export type UnifiConfigInput = z.input<typeof unifiConfigSchema>;
