import { validationError } from "../api-error.js";
import type { NotionPlan } from "../settings.js";
import type { ViewType } from "../state.js";
import type { Store } from "../store.js";

const PLAN_LABEL: Record<NotionPlan, string> = {
  free: "Free",
  plus: "Plus",
  business: "Business",
  enterprise: "Enterprise",
};

/**
 * Notion's plan limits on views: a Free workspace gets one chart; dashboards need Business or
 * Enterprise. How the API refuses is unconfirmed; the emulator answers 400 `validation_error`.
 */
export function assertPlanAllows(store: Store, plan: NotionPlan, type: ViewType): void {
  if (type === "dashboard" && plan !== "business" && plan !== "enterprise") {
    throw validationError(
      `Dashboards are available on Business and Enterprise plans; this workspace is on the ${PLAN_LABEL[plan]} plan.`,
    );
  }
  if (type === "chart" && plan === "free") {
    const charts = Object.values(store.state.views).filter((v) => v.type === "chart").length;
    if (charts >= 1) {
      throw validationError(
        "The Free plan allows one chart per workspace and this workspace already has one. Upgrade to a paid plan to create more charts.",
      );
    }
  }
}
