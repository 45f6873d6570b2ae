import { type DocSection, markdownTable } from "./benchmarks-doc.js";
import { machineDescription, today } from "./machine.js";

export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

/** What one benchmark scenario found: printed as tables and written as its BENCHMARKS.md section. */
export interface ScenarioReport {
  /** The section heading, e.g. "Sync: first sync" (kept stable: it is how the section is found again). */
  title: string;
  /** How it was measured (one paragraph). */
  setup: string;
  /** Measure → value. */
  rows: [string, string][];
  /** Extra tables (e.g. the growth table), each printed under its caption. */
  tables?: { caption: string; header: string[]; rows: string[][] }[];
  goals: Goal[];
  /** Findings and explanations, one paragraph each. */
  notes?: string[];
}

export interface Scenario {
  /** For `--only`. */
  name: string;
  /** One line for `--list`. */
  summary: string;
  run(): Promise<ScenarioReport>;
}

export const passed = (report: ScenarioReport) => report.goals.every((g) => g.met);

function goalsTable(goals: readonly Goal[]): string {
  return markdownTable(
    ["Goal", "Measured", "Met"],
    goals.map((g) => [g.goal, g.measured, g.met ? "yes" : "**no**"]),
  );
}

function body(report: ScenarioReport): string[] {
  const parts = [markdownTable(["Measure", "Value"], report.rows)];
  for (const table of report.tables ?? [])
    parts.push(`${table.caption}\n\n${markdownTable(table.header, table.rows)}`);
  if (report.goals.length > 0) parts.push(goalsTable(report.goals));
  return parts;
}

export function reportSection(report: ScenarioReport): DocSection {
  return {
    title: report.title,
    body: [
      `Measured ${today()} on ${machineDescription()}. ${report.setup}`,
      ...body(report),
      ...(report.notes ?? []),
    ].join("\n\n"),
  };
}

export function printReport(report: ScenarioReport, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`\n## ${report.title}\n\n${body(report).join("\n\n")}\n`);
  for (const note of report.notes ?? []) out.write(`\n${note}\n`);
}
