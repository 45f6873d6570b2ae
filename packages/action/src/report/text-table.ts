/** A table as plain data, rendered as Markdown for the job summary or aligned text for a terminal. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Shown instead of the table when there are no rows. */
  empty?: string;
}

export function renderTextTable(table: Table): string {
  if (table.rows.length === 0) return `${table.title}: ${table.empty ?? "none"}\n`;
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
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
  const escapeCell = (cell: string | number) => String(cell).replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    `### ${table.title}`,
    "",
    `| ${table.columns.map(escapeCell).join(" | ")} |`,
    `| ${table.columns.map(() => "---").join(" | ")} |`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
    "",
  ].join("\n");
}
