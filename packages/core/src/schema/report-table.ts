/** A table for people: the CLI prints it, the Action writes it to the job summary. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
  /** Shown instead of the table when there are no rows. */
  empty?: string;
}
