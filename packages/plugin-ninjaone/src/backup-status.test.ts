import { describe, expect, it } from "vitest";
import { backupOutcome, siteBackupStatus, tallyBackups } from "./backup-status.js";
import type { NinjaOneBackupJob } from "./schemas/backup-job.js";
import type { NinjaOneDevice } from "./schemas/device.js";

describe("backupOutcome", () => {
  it("maps NinjaOne jobStatus values", () => {
    expect(backupOutcome("COMPLETED")).toBe("succeeded");
    expect(backupOutcome("completed ")).toBe("succeeded");
    expect(backupOutcome("FAILED")).toBe("failed");
    expect(backupOutcome("CANCELED")).toBe("failed");
    expect(backupOutcome("CANCELLED")).toBe("failed");
    expect(backupOutcome("PROCESSING")).toBe("in_progress");
    expect(backupOutcome("RUNNING")).toBe("in_progress");
    expect(backupOutcome("PAUSED_BY_GREMLINS")).toBe("unrecognised");
  });
});

describe("siteBackupStatus", () => {
  it("is success, partial, failed or unknown", () => {
    expect(siteBackupStatus([])).toBe("unknown");
    expect(siteBackupStatus(["succeeded", "succeeded"])).toBe("success");
    expect(siteBackupStatus(["succeeded", "failed"])).toBe("partial");
    expect(siteBackupStatus(["failed", "failed"])).toBe("failed");
  });
});

describe("tallyBackups", () => {
  const job = (over: Partial<NinjaOneBackupJob>): NinjaOneBackupJob => ({
    deviceId: 1,
    organizationId: 10,
    jobStatus: "COMPLETED",
    planGuid: "p1",
    jobStartTime: 1742000000,
    jobEndTime: 1742000100,
    ...over,
  });
  const devices = new Map([[2, { id: 2, organizationId: 20 } as NinjaOneDevice]]);

  it("judges the latest finished job per device and plan (end time, else start time; ms or s)", () => {
    const tally = tallyBackups(
      [
        job({ jobStatus: "FAILED", jobEndTime: 1742000500 }),
        job({ jobStatus: "COMPLETED", jobEndTime: 1742000400 }),
        job({ jobStatus: "RUNNING", jobEndTime: null, jobStartTime: 1742009999 }),
        job({ planGuid: "p2", jobStatus: "COMPLETED", jobEndTime: 1742000600000 }),
        job({ planGuid: "p2", jobStatus: "FAILED", jobEndTime: null, jobStartTime: 1742000599 }),
      ],
      new Map(),
    );
    expect(tally.byOrganization.get(10)).toBe("partial"); // p1 latest FAILED, p2 latest COMPLETED
  });

  it("attributes jobs without organizationId through the device list, and counts the rest as unattributed", () => {
    const tally = tallyBackups(
      [job({ organizationId: undefined, deviceId: 2 }), job({ organizationId: null, deviceId: 3 })],
      devices,
    );
    expect(tally.byOrganization.get(20)).toBe("success");
    expect(tally.unattributed).toBe(1);
  });

  it("collects unrecognised statuses and leaves organizations with only running jobs out", () => {
    const tally = tallyBackups([job({ jobStatus: "WEIRD" }), job({ jobStatus: "PROCESSING" })], new Map());
    expect([...tally.unrecognisedStatuses]).toEqual(["WEIRD"]);
    expect(tally.byOrganization.size).toBe(0);
  });
});
