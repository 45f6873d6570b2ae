/** Notion returns at most this many rows per query page. */
export const PAGE_SIZE = 100;

export interface DatabaseRead {
  title: string;
  /** Rows the read will return. */
  rows: number;
}

export interface RequestFloor {
  total: number;
  creates: number;
  updates: number;
  /** Query pages: ⌈rows / 100⌉ per database read, at least 1 each. */
  queryPages: number;
  /** The freshness line: read + update of the Customer Sites description. */
  freshness: number;
  reads: (DatabaseRead & { pages: number })[];
}

/**
 * The fewest requests a sync can make: every record that must be written once, every database
 * read once at 100 rows per page, and the once-per-run freshness line.
 */
export function requestFloor(input: {
  creates: number;
  updates: number;
  reads: readonly DatabaseRead[];
  freshness: number;
}): RequestFloor {
  const reads = input.reads.map((read) => ({
    ...read,
    pages: Math.max(1, Math.ceil(read.rows / PAGE_SIZE)),
  }));
  const queryPages = reads.reduce((sum, read) => sum + read.pages, 0);
  return {
    total: input.creates + input.updates + queryPages + input.freshness,
    creates: input.creates,
    updates: input.updates,
    queryPages,
    freshness: input.freshness,
    reads,
  };
}

export function describeFloor(floor: RequestFloor): string {
  const parts = [];
  if (floor.creates > 0) parts.push(`${floor.creates} creates`);
  if (floor.updates > 0) parts.push(`${floor.updates} updates`);
  parts.push(
    `${floor.queryPages} query pages (${floor.reads.map((r) => `${r.title} ${r.rows} rows → ${r.pages}`).join(", ")})`,
  );
  parts.push(`${floor.freshness} for the freshness line`);
  return `${floor.total} = ${parts.join(" + ")}`;
}
