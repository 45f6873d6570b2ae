import { describe, expect, it } from "vitest";
import { chooseTicketBoard, isOpenTicket, tallyOpenTickets } from "./open-tickets.js";
import type { NinjaOneOrganization } from "./schemas/organization.js";

describe("isOpenTicket", () => {
  it("reads the parent status id first (custom statuses point at a built-in parent)", () => {
    expect(
      isOpenTicket({ status: { statusId: 2001, parentId: 2000, displayName: "Impending User Action" } }),
    ).toBe(true);
    expect(isOpenTicket({ status: { statusId: 5001, parentId: 5000, displayName: "Fixed remotely" } })).toBe(
      false,
    );
    expect(isOpenTicket({ status: { statusId: 6000, displayName: "Geschlossen" } })).toBe(false);
    expect(isOpenTicket({ status: { statusId: 1000, displayName: "New" } })).toBe(true);
  });
  it("falls back to the status name, and counts a ticket without status as open", () => {
    expect(isOpenTicket({ status: "CLOSED" })).toBe(false);
    expect(isOpenTicket({ status: { displayName: "Resolved" } })).toBe(false);
    expect(isOpenTicket({ status: "Open" })).toBe(true);
    expect(isOpenTicket({ status: undefined })).toBe(true);
  });
});

describe("chooseTicketBoard", () => {
  const boards = [
    { id: 1, name: "Unassigned tickets" },
    { id: 2, name: "All tickets" },
  ];
  it("finds a board by id or by name, case-insensitively", () => {
    expect(chooseTicketBoard(boards, 1)?.id).toBe(1);
    expect(chooseTicketBoard(boards, " all TICKETS ")?.id).toBe(2);
    expect(chooseTicketBoard(boards, 9)).toBeUndefined();
    expect(chooseTicketBoard(boards, "Open tickets")).toBeUndefined();
  });
});

describe("tallyOpenTickets", () => {
  const orgs = [
    { id: 2, name: "Acme Corp" },
    { id: 3, name: "Twin" },
    { id: 4, name: "twin " },
  ] as NinjaOneOrganization[];
  it("attributes by id, else by a unique name; each ticket once; closed ones not at all", () => {
    const tally = tallyOpenTickets(
      [
        { id: 1, clientId: 2 },
        { id: 1, clientId: 2 },
        { id: 2, organization: " acme corp" },
        { id: 3, organization: { id: 3, name: "Twin" } },
        { id: 4, organization: "Twin" }, // two organizations share the name
        { id: 5, organizationId: 99 }, // unknown organization
        { id: 6, clientId: 2, status: { parentId: 6000 } },
        { id: 7 },
      ],
      orgs,
    );
    expect(Object.fromEntries(tally.byOrganization)).toEqual({ 2: 2, 3: 1 });
    expect(tally.unattributed).toBe(3);
  });
});
