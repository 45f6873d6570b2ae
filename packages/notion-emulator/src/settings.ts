/** Workspace plans; they gate charts and dashboards in the Views API. */
export type NotionPlan = "free" | "plus" | "business" | "enterprise";

export const NOTION_PLANS: readonly NotionPlan[] = ["free", "plus", "business", "enterprise"];

/** Settings handlers read on every request; the emulator can change them at run time. */
export interface RuntimeSettings {
  plan: NotionPlan;
  /** Rows one data-source query can reach (Notion: 10,000). */
  queryResultLimit: number;
}
