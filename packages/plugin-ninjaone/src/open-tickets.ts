import type { NinjaOneOrganization } from "./schemas/organization.js";
import type { NinjaOneBoardTicket, NinjaOneTicketBoard } from "./schemas/ticket.js";

/** NinjaOne's built-in parent statuses Resolved (5000) and Closed (6000); custom statuses point to one as `parentId`. */
export const CLOSED_STATUS_IDS: ReadonlySet<number> = new Set([5000, 6000]);
const CLOSED_STATUS_NAMES: ReadonlySet<string> = new Set(["RESOLVED", "CLOSED"]);

/**
 * A ticket is open unless its status says resolved or closed: by `status.parentId` (else
 * `status.statusId`) being 5000/6000, or, without ids, by the status name.
 */
export function isOpenTicket(ticket: Pick<NinjaOneBoardTicket, "status">): boolean {
  const status = ticket.status;
  if (status === undefined || status === null) return true;
  if (typeof status === "string") return !CLOSED_STATUS_NAMES.has(normalise(status));
  const id = status.parentId ?? status.statusId;
  if (typeof id === "number") return !CLOSED_STATUS_IDS.has(id);
  const name = status.name ?? status.displayName;
  return !(name && CLOSED_STATUS_NAMES.has(normalise(name)));
}

/** The board to count on: by id, or by name (case-insensitive). */
export function chooseTicketBoard(
  boards: readonly NinjaOneTicketBoard[],
  wanted: number | string,
): NinjaOneTicketBoard | undefined {
  if (typeof wanted === "number") return boards.find((board) => board.id === wanted);
  const name = wanted.trim().toLowerCase();
  return boards.find((board) => board.name?.trim().toLowerCase() === name);
}

export interface TicketTally {
  byOrganization: Map<number, number>;
  /** Open tickets whose organization could not be told (no id, and no single org of that name). */
  unattributed: number;
}

/**
 * Counts open tickets per organization, each ticket id once. A row names its organization by
 * `clientId`/`organizationId` when present, else by name (exact, case-insensitive, and only when
 * one organization has that name).
 */
export function tallyOpenTickets(
  tickets: readonly NinjaOneBoardTicket[],
  organizations: readonly NinjaOneOrganization[],
): TicketTally {
  const byName = new Map<string, number | null>();
  for (const organization of organizations) {
    const key = normaliseName(organization.name);
    byName.set(key, byName.has(key) ? null : organization.id);
  }
  const known = new Set(organizations.map((organization) => organization.id));
  const byOrganization = new Map<number, number>();
  const seen = new Set<number>();
  let unattributed = 0;
  for (const ticket of tickets) {
    if (seen.has(ticket.id)) continue;
    seen.add(ticket.id);
    if (!isOpenTicket(ticket)) continue;
    const organizationId = ticketOrganization(ticket, byName);
    if (organizationId === undefined || !known.has(organizationId)) {
      unattributed++;
      continue;
    }
    byOrganization.set(organizationId, (byOrganization.get(organizationId) ?? 0) + 1);
  }
  return { byOrganization, unattributed };
}

function ticketOrganization(
  ticket: NinjaOneBoardTicket,
  byName: ReadonlyMap<string, number | null>,
): number | undefined {
  const org = ticket.organization;
  const id =
    ticket.clientId ?? ticket.organizationId ?? (typeof org === "object" && org ? org.id : undefined);
  if (typeof id === "number") return id;
  const name = typeof org === "string" ? org : org?.name;
  if (!name) return undefined;
  return byName.get(normaliseName(name)) ?? undefined;
}

function normalise(status: string): string {
  return status
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}

function normaliseName(name: string): string {
  return name.trim().toLowerCase();
}
