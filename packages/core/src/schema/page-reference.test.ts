import { describe, expect, it } from "vitest";
import { parsePageReference } from "./page-reference.js";

describe("parsePageReference", () => {
  it("accepts an id with or without dashes and a page URL, and nothing else", () => {
    const id = "0123abcd-0123-4abc-8def-0123456789ab";
    expect(parsePageReference(id.replace(/-/g, "").toUpperCase())).toBe(id);
    expect(parsePageReference(` ${id} `)).toBe(id);
    expect(parsePageReference(`https://www.notion.so/acme/Operations-${id.replace(/-/g, "")}?pvs=4`)).toBe(
      id,
    );
    expect(parsePageReference(`https://acme.notion.site/${id}`)).toBe(id);
    expect(parsePageReference("https://example.com/0123abcd01234abc8def0123456789ab")).toBeUndefined();
    expect(parsePageReference("Operations")).toBeUndefined();
  });
});
