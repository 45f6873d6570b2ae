/**
 * docs/BENCHMARKS.md, written section by section: each benchmark replaces its own `## Title`
 * section (up to the next `## `) and leaves every other section as it is, so running a subset
 * (`pnpm bench -- --only steady-state`) refreshes only what it measured.
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCHMARKS_FILE = join(dirname(fileURLToPath(import.meta.url)), "../../../docs/BENCHMARKS.md");

const HEADER = `# Benchmarks

Measured by \`pnpm bench\` (each package's \`bench\` script; notion-ops' are in \`packages/core/bench/\`),
which prints a table per scenario and rewrites that scenario's section below. Every figure is
measured by the run that wrote it, against the in-repo Notion emulator
(\`packages/notion-emulator\`) running in its own process; nothing here is typed in by hand.
Run a subset with \`pnpm bench -- --only steady-state,changed-sites\` (or
\`BENCH_ONLY=steady-state pnpm bench\`); \`--list\` names the scenarios.
`;

/** A Markdown table; cells are escaped for pipes. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

export interface DocSection {
  /** The heading without `## `, e.g. "Notion client". */
  title: string;
  /** Everything under the heading. */
  body: string;
}

/**
 * Replaces (or appends) each section in the document text; other sections are kept verbatim.
 * The text before the first section is this module's header, rewritten every time.
 */
export function updateSections(document: string, sections: readonly DocSection[]): string {
  const first = findFirstSection(document);
  let text = `${HEADER.trimEnd()}\n\n${first < 0 ? "" : document.slice(first)}`;
  for (const section of sections) {
    const block = `## ${section.title}\n\n${section.body.trim()}\n`;
    const start = findHeading(text, section.title);
    if (start < 0) {
      text = `${text.trimEnd()}\n\n${block}`;
      continue;
    }
    const next = text.indexOf("\n## ", start + 1);
    const end = next < 0 ? text.length : next + 1;
    text = `${text.slice(0, start)}${block}${next < 0 ? "" : "\n"}${text.slice(end)}`;
  }
  return `${text.trimEnd()}\n`;
}

/** Reads docs/BENCHMARKS.md (or starts it), updates the given sections, writes it back. */
export async function recordSections(
  sections: readonly DocSection[],
  file = BENCHMARKS_FILE,
): Promise<string> {
  const existing = await readFile(file, "utf8").catch(() => "");
  await writeFile(file, updateSections(existing, sections));
  return file;
}

function findHeading(text: string, title: string): number {
  const heading = `## ${title}\n`;
  if (text.startsWith(heading)) return 0;
  const at = text.indexOf(`\n${heading}`);
  return at < 0 ? -1 : at + 1;
}

function findFirstSection(text: string): number {
  if (text.startsWith("## ")) return 0;
  const at = text.indexOf("\n## ");
  return at < 0 ? -1 : at + 1;
}
