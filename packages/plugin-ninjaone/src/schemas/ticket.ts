import { z } from "zod";
import { lenient, vendorId } from "./lenient.js";

/** An item of `GET /v2/ticketing/trigger/boards`. */
export const ticketBoardSchema = z.looseObject({
  id: vendorId,
  name: lenient(z.string()),
  system: lenient(z.boolean()),
});
export type NinjaOneTicketBoard = z.infer<typeof ticketBoardSchema>;

/** The body of `POST /v2/ticketing/trigger/board/{boardId}/run`: `{data, metadata}`. */
export const boardRunSchema = z.looseObject({
  data: z.array(z.unknown()),
  metadata: lenient(z.looseObject({ lastCursorId: lenient(z.number()) })),
});

const ticketStatusSchema = z.looseObject({
  statusId: lenient(z.number()),
  parentId: lenient(z.number()),
  name: lenient(z.string()),
  displayName: lenient(z.string()),
});

/**
 * A row of a board run. Rows name the organization (`organization`: its name); some tenants
 * also return `clientId`/`organizationId`.
 */
export const boardTicketSchema = z.looseObject({
  id: vendorId,
  clientId: lenient(vendorId),
  organizationId: lenient(vendorId),
  organization: lenient(
    z.union([z.string(), z.looseObject({ id: lenient(vendorId), name: lenient(z.string()) })]),
  ),
  status: lenient(z.union([z.string(), ticketStatusSchema])),
});
export type NinjaOneBoardTicket = z.infer<typeof boardTicketSchema>;
