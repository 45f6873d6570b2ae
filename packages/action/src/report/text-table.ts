/** A table as plain data, rendered as Markdown for the job summary or aligned text for a terminal. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Shown instead of the table when there are no rows. */
  empty?: string;
}

/** Longest cell shown (the --json result keeps every value whole). */
const TEXT_CELL_MAX = 200;
const MARKDOWN_CELL_MAX = 500;

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;

/**
 * A cell's text on one line: control characters (line breaks, terminal escapes, NUL) become a
 * space, and long values are cut, so a vendor's odd value cannot break the table, the terminal or
 * the job summary's 1 MiB limit.
 */
export function cellText(value: string | number, max: number): string {
  const text = String(value).replace(CONTROLS, " ").toWellFormed();
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text[max - 2] ?? "") ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

export function renderTextTable(table: Table): string {
  if (table.rows.length === 0) return `${table.title}: ${table.empty ?? "none"}\n`;
  const cells = [table.columns, ...table.rows.map((row) => row.map((cell) => cellText(cell, TEXT_CELL_MAX)))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    table.title,
    line(table.columns),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.slice(1).map(line),
    "",
  ].join("\n");
}

export function renderMarkdownTable(table: Table): string {
  if (table.rows.length === 0) return `### ${table.title}\n\n${table.empty ?? "None."}\n`;
  // HTML, links and cell breaks in vendor values are shown as text, never rendered.
  const escapeCell = (cell: string | number) =>
    cellText(cell, MARKDOWN_CELL_MAX)
      .replace(/[\\|]/g, (c) => `\\${c}`)
      .replaceAll("](", "]\\(")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;");
  return [
    `### ${table.title}`,
    "",
    `| ${table.columns.map(escapeCell).join(" | ")} |`,
    `| ${table.columns.map(() => "---").join(" | ")} |`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
    "",
  ].join("\n");
}
