import { z } from "zod";

/** NinjaOne instances (the token endpoint and the REST API share the host). */
export const NINJAONE_REGIONS = {
  us: "https://app.ninjarmm.com",
  eu: "https://eu.ninjarmm.com",
  oc: "https://oc.ninjarmm.com",
  ca: "https://ca.ninjarmm.com",
  us2: "https://us2.ninjarmm.com",
  fed: "https://fed.ninjarmm.com",
} as const;

export type NinjaOneRegion = keyof typeof NINJAONE_REGIONS;

export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_TICKET_BOARD = "All tickets";

/** The `sources.ninjaone` block of notion-ops.yml. Strict: a misspelt key is an error. */
export const ninjaoneConfigSchema = z.strictObject({
  /** The instance the API app was created on; `NINJAONE_BASE_URL` overrides the host it implies. */
  region: z.enum(Object.keys(NINJAONE_REGIONS) as [NinjaOneRegion, ...NinjaOneRegion[]]),
  /** Records per request for every paged list and report (default 1000). */
  pageSize: z.number().int().min(1).max(1000).default(DEFAULT_PAGE_SIZE),
  /** Count open tickets per organization (default true; needs NinjaOne ticketing). */
  openTickets: z.boolean().default(true),
  /** The ticket board to count open tickets on: its id, or its name (default "All tickets"). */
  ticketBoard: z.union([z.number().int().positive(), z.string().trim().min(1)]).default(DEFAULT_TICKET_BOARD),
});

export type NinjaOneConfig = z.output<typeof ninjaoneConfigSchema>;
export type NinjaOneConfigInput = z.input<typeof ninjaoneConfigSchema>;
