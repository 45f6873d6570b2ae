import { describe, expect, it } from "vitest";
import { DATABASES } from "../schema/databases.js";
import type { ExistingRecord } from "./desired-record.js";
import { indexRecords } from "./existing-records.js";
import { createValues, lazyDesired, planDatabase, planWriteRequests } from "./planner.js";

const existing = (
  key: string,
  values: ExistingRecord["values"],
  pageId = `page-${key}`,
  createdTime = "2026-01-01T00:00:00.000Z",
) => ({
  pageId,
  key,
  createdTime,
  values: { "Device Key": key, ...values },
});

describe("planDatabase", () => {
  it("creates what is new, updates only changed properties, counts the rest unchanged", () => {
    const plan = planDatabase({
      definition: DATABASES.networkDevices,
      mode: "upsert",
      existing: indexRecords([
        existing("unifi:a", {
          "Device Name": "AP 1",
          Status: "online",
          IP: "10.0.0.1",
          "Last Seen": "2026-11-20",
        }),
        existing("unifi:b", { "Device Name": "AP 2", Status: "online", IP: null }),
      ]),
      desired: [
        {
          key: "unifi:a",
          values: { "Device Name": "AP 1", Status: "offline", IP: "10.0.0.1", "Last Seen": "2026-11-20" },
        },
        { key: "unifi:b", values: { "Device Name": "AP 2", Status: "online", IP: null } },
        { key: "unifi:c", values: { "Device Name": "Switch", Status: "online", Model: undefined } },
      ],
    });
    expect(plan.creates.map((c) => [c.key, createValues(DATABASES.networkDevices, c.record())])).toEqual([
      ["unifi:c", { "Device Name": "Switch", Status: "online", "Device Key": "unifi:c" }],
    ]);
    expect(plan.updates).toEqual([
      {
        key: "unifi:a",
        pageId: "page-unifi:a",
        reason: "changed",
        changes: [{ property: "Status", from: "online", to: "offline" }],
      },
    ]);
    expect(plan.unchanged).toBe(1);
    expect(planWriteRequests(plan)).toBe(2);
  });

  it("compares values the way Notion stores them (dates to the minute, select cleaning, empty text)", () => {
    const plan = planDatabase({
      definition: DATABASES.networkDevices,
      mode: "upsert",
      existing: indexRecords([
        existing("unifi:a", { "Last Seen": "2026-11-20T06:00:00.000+00:00", Model: "", Vendor: "UniFi" }),
      ]),
      desired: [
        { key: "unifi:a", values: { "Last Seen": "2026-11-20T06:00:31Z", Model: null, Vendor: "UniFi" } },
      ],
    });
    expect(plan.updates).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it("compares relations by the key of the related record", () => {
    const plan = planDatabase({
      definition: DATABASES.networkDevices,
      mode: "upsert",
      existing: indexRecords([
        existing("unifi:a", { Site: ["page-site-1"] }),
        existing("unifi:b", { Site: ["page-site-1"] }),
      ]),
      desired: [
        { key: "unifi:a", values: { Site: ["ACME-001"] } },
        { key: "unifi:b", values: { Site: ["BETA-002"] } },
      ],
      relationKeyOf: (target, pageId) =>
        target === "customerSites" && pageId === "page-site-1" ? "ACME-001" : undefined,
    });
    expect(plan.updates.map((u) => [u.key, u.changes])).toEqual([
      ["unifi:b", [{ property: "Site", from: ["page-site-1"], to: ["BETA-002"] }]],
    ]);
  });

  it("never updates an insert-only database", () => {
    const plan = planDatabase({
      definition: DATABASES.dailyHealth,
      mode: "insert-only",
      existing: indexRecords([
        {
          pageId: "p1",
          key: "A@2026-11-20",
          createdTime: "2026-11-20T00:00:00Z",
          values: { "Health Score": 90 },
        },
      ]),
      desired: [
        { key: "A@2026-11-20", values: { "Health Score": 10 } },
        { key: "A@2026-11-21", values: { "Health Score": 10 } },
      ],
    });
    expect(plan.updates).toEqual([]);
    expect(plan.unchanged).toBe(1);
    expect(plan.creates.map((c) => c.key)).toEqual(["A@2026-11-21"]);
  });

  it("marks records gone from their source missing once, and only within scope", () => {
    const plan = planDatabase({
      definition: DATABASES.networkDevices,
      mode: "upsert",
      existing: indexRecords([
        existing("unifi:gone", { Status: "online" }),
        existing("unifi:already", { Status: "missing" }),
        existing("ninjaone:other-source", { Status: "online" }),
      ]),
      desired: [],
      missing: { property: "Status", value: "missing", inScope: (r) => r.key.startsWith("unifi:") },
    });
    expect(plan.updates).toEqual([
      {
        key: "unifi:gone",
        pageId: "page-unifi:gone",
        reason: "missing",
        changes: [{ property: "Status", from: "online", to: "missing" }],
      },
    ]);
  });

  it("writes create-only values on create and never on update", () => {
    const plan = planDatabase({
      definition: DATABASES.azureServices,
      mode: "upsert",
      existing: indexRecords([
        {
          pageId: "p1",
          key: "Virtual Machines",
          createdTime: "2026-01-01T00:00:00Z",
          values: { "Service Name": "Virtual Machines", Stage: "Pilot", "Resource Count": 3 },
        },
      ]),
      desired: [
        { key: "Virtual Machines", values: { "Resource Count": 4 }, createOnly: { Stage: "Deployed" } },
        { key: "Key Vault", values: { "Resource Count": 1 }, createOnly: { Stage: "Deployed" } },
      ],
    });
    expect(createValues(DATABASES.azureServices, plan.creates[0]!.record())).toEqual({
      "Resource Count": 1,
      Stage: "Deployed",
      "Service Name": "Key Vault",
    });
    expect(plan.updates[0]?.changes).toEqual([{ property: "Resource Count", from: 3, to: 4 }]);
  });

  it("reports duplicate keys on either side instead of writing them", () => {
    const plan = planDatabase({
      definition: DATABASES.networkDevices,
      mode: "upsert",
      existing: indexRecords([
        existing("unifi:a", { Status: "online" }, "newer", "2026-02-01T00:00:00Z"),
        existing("unifi:a", { Status: "online" }, "older", "2026-01-01T00:00:00Z"),
      ]),
      desired: [
        { key: "unifi:a", values: { Status: "offline" } },
        { key: "unifi:a", values: { Status: "online" } },
      ],
    });
    expect(plan.duplicates).toEqual([{ key: "unifi:a", pageIds: ["older", "newer"] }]);
    expect(plan.updates.map((u) => u.pageId)).toEqual(["older"]);
    expect(plan.conflicts).toEqual(["unifi:a"]);
  });

  it("counts body appends beyond the first 100 blocks", () => {
    const block = { paragraph: { rich_text: [] } } as never;
    const plan = planDatabase({
      definition: DATABASES.runbooks,
      mode: "upsert",
      existing: indexRecords([]),
      desired: [{ key: "runbooks/a.md", values: { Title: "A" }, children: Array(250).fill(block) }],
    });
    expect(planWriteRequests(plan)).toBe(3);
  });
});

describe("lazyDesired", () => {
  it("builds a record only to compare it or to write it, and plans as the eager list would", () => {
    const observed = [
      { id: "a", status: "offline" },
      { id: "b", status: "online" },
      { id: "c", status: "online" },
      { id: "c", status: "offline" },
    ];
    const built: string[] = [];
    const record = (o: { id: string; status: string }) => {
      built.push(o.id);
      return { key: `unifi:${o.id}`, values: { "Device Name": o.id, Status: o.status } };
    };
    const stored = indexRecords([
      existing("unifi:a", { "Device Name": "a", Status: "online" }),
      existing("unifi:b", { "Device Name": "b", Status: "online" }),
    ]);
    const lazy = planDatabase({
      definition: DATABASES.networkDevices,
      mode: "upsert",
      existing: stored,
      desired: lazyDesired(observed, (o) => `unifi:${o.id}`, record),
    });
    expect(built).toEqual(["a", "b"]);
    expect(lazy.conflicts).toEqual(["unifi:c"]);
    expect(lazy.updates.map((u) => [u.key, u.changes])).toEqual([
      ["unifi:a", [{ property: "Status", from: "online", to: "offline" }]],
    ]);
    expect(lazy.unchanged).toBe(1);
    expect(lazy.creates.map((c) => createValues(DATABASES.networkDevices, c.record()))).toEqual([
      { "Device Name": "c", Status: "online", "Device Key": "unifi:c" },
    ]);
    expect(built).toEqual(["a", "b", "c"]);
  });
});
