import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NotionValidationError } from "../errors.js";
import {
  type CodecWarning,
  decodeProperty,
  decodeRecord,
  encodeProperty,
  encodeRecord,
  type PlainValue,
  type RecordSchema,
  type WritablePropertyType,
} from "./codec.js";
import { changedProperties, normalizeForCompare, sameValue } from "./compare.js";
import { chunkText, joinRichText, RICH_TEXT_MAX_TOTAL, splitRichText } from "./rich-text.js";

/**
 * The read shape Notion documents for a written value (page-property-values): rich text gains
 * `plain_text`, `annotations` and `href`; options gain `id` and `color`; dates gain `end` and
 * `time_zone: null`; relations gain `has_more`.
 */
function asReturnedByNotion(type: WritablePropertyType, payload: Record<string, unknown>) {
  const value = payload[type];
  const annotations = {
    bold: false,
    italic: false,
    strikethrough: false,
    underline: false,
    code: false,
    color: "default",
  };
  switch (type) {
    case "title":
    case "rich_text":
      return {
        id: "p",
        type,
        [type]: (value as Array<{ text: { content: string } }>).map((item) => ({
          type: "text",
          text: { content: item.text.content, link: null },
          annotations,
          plain_text: item.text.content,
          href: null,
        })),
      };
    case "select":
    case "status":
      return {
        id: "p",
        type,
        [type]: value === null ? null : { id: "opt", color: "default", ...(value as object) },
      };
    case "multi_select":
      return {
        id: "p",
        type,
        multi_select: (value as object[]).map((o) => ({ id: "opt", color: "default", ...o })),
      };
    case "date":
      return {
        id: "p",
        type,
        date: value === null ? null : { end: null, time_zone: null, ...(value as object) },
      };
    case "relation":
      return { id: "p", type, relation: value, has_more: false };
    default:
      return { id: "p", type, [type]: value };
  }
}

function roundTrip(type: WritablePropertyType, value: unknown): PlainValue | undefined {
  return decodeProperty(asReturnedByNotion(type, encodeProperty(type, value) as Record<string, unknown>));
}

function warningsFor(type: WritablePropertyType, value: unknown) {
  const warnings: CodecWarning[] = [];
  const payload = encodeProperty(type, value, { property: "P", warn: (w) => warnings.push(w) });
  return { payload: payload as Record<string, unknown>, warnings };
}

const texts = {
  emoji: "Status 🟢 ok 👨‍👩‍👧‍👦 family 🏳️‍🌈 flag, skin 👍🏽",
  rtl: "مرحبا بالعالم — שלום עולם — mixed עברית and English",
  zeroWidth: "a\u200bb\u200cc\u200dd\ufeffe\u2060f",
  combining: "e\u0301 n\u0303 Z\u0351\u0363\u0344",
  cjk: "東京都のサイト・監視中",
  controls: "line1\nline2\r\ntab\tend",
};

describe("rich text", () => {
  it.each(Object.entries(texts))("round-trips %s text exactly", (_, text) => {
    expect(roundTrip("rich_text", text)).toBe(text);
    expect(roundTrip("title", text)).toBe(text);
  });

  it("empty and null are an empty array and decode to an empty string", () => {
    expect(encodeProperty("rich_text", "")).toEqual({ rich_text: [] });
    expect(encodeProperty("rich_text", null)).toEqual({ rich_text: [] });
    expect(encodeProperty("title", undefined)).toEqual({ title: [] });
    expect(roundTrip("rich_text", null)).toBe("");
  });

  it("2000 characters fit in one text object; 2001 need two", () => {
    const a2000 = "x".repeat(2000);
    expect(splitRichText(a2000).items).toHaveLength(1);
    const a2001 = splitRichText(`${a2000}y`);
    expect(a2001.items.map((i) => i.text.content.length)).toEqual([2000, 1]);
    expect(roundTrip("rich_text", `${a2000}y`)).toBe(`${a2000}y`);
  });

  it("never splits a surrogate pair at the 2000 boundary (lengths counted in UTF-16 code units)", () => {
    const text = `${"a".repeat(1999)}😀${"b".repeat(10)}`;
    const { items } = splitRichText(text);
    expect(items.map((i) => i.text.content.length)).toEqual([1999, 12]);
    expect(items[1]!.text.content.startsWith("😀")).toBe(true);
    for (const item of items) expect(item.text.content.isWellFormed()).toBe(true);
    expect(roundTrip("rich_text", text)).toBe(text);

    const allEmoji = "😀".repeat(1500); // 3000 code units
    const emojiItems = splitRichText(allEmoji).items;
    expect(emojiItems.map((i) => i.text.content.length)).toEqual([2000, 1000]);
    expect(joinRichText(emojiItems)).toBe(allEmoji);
  });

  it("holds up to 200,000 characters (100 × 2000) without loss", () => {
    const text = "0123456789".repeat(RICH_TEXT_MAX_TOTAL / 10);
    const { payload, warnings } = warningsFor("rich_text", text);
    expect((payload.rich_text as unknown[]).length).toBe(100);
    expect(warnings).toEqual([]);
    expect(roundTrip("rich_text", text)).toBe(text);
  });

  it("cuts longer text to 100 objects with a warning (and the comparison expects the cut text)", () => {
    const text = "z".repeat(RICH_TEXT_MAX_TOTAL + 5_000);
    const { payload, warnings } = warningsFor("rich_text", text);
    expect((payload.rich_text as unknown[]).length).toBe(100);
    expect(warnings).toEqual([
      expect.objectContaining({
        property: "P",
        code: "text_truncated",
        message: expect.stringContaining("205000"),
      }),
    ]);
    const stored = roundTrip("rich_text", text);
    expect((stored as string).length).toBe(RICH_TEXT_MAX_TOTAL);
    expect(sameValue("rich_text", text, stored)).toBe(true);
  });

  it("repairs lone surrogates (invalid UTF-16) with a warning instead of sending them", () => {
    const { payload, warnings } = warningsFor("rich_text", "bad \ud83d end");
    expect(joinRichText(payload.rich_text as [])).toBe("bad \ufffd end");
    expect(warnings[0]?.code).toBe("text_repaired");
  });

  it("chunking preserves any unicode text and respects the size limit (property test)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 400 }),
        fc.integer({ min: 2, max: 40 }),
        (text, max) => {
          const chunks = chunkText(text, max);
          expect(chunks.join("")).toBe(text);
          for (const chunk of chunks) {
            expect(chunk.length).toBeLessThanOrEqual(max);
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.isWellFormed()).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("encode → Notion's read shape → decode is the identity for any well-formed text under the cap", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 5000 }), (text) => {
        expect(roundTrip("rich_text", text)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});

describe("every property type round-trips", () => {
  const ID = "1f3e4d5c-6b7a-4988-9a0b-1c2d3e4f5a6b";
  const cases: Array<[WritablePropertyType, unknown, PlainValue]> = [
    ["title", "Acme Corp - Main Office", "Acme Corp - Main Office"],
    ["rich_text", "ACME-001", "ACME-001"],
    ["number", 87, 87],
    ["number", 0.1 + 0.2, 0.1 + 0.2],
    ["number", -0, 0],
    ["number", null, null],
    ["select", "Healthy", "Healthy"],
    ["select", null, null],
    ["status", "In progress", "In progress"],
    ["multi_select", ["backup", "network"], ["backup", "network"]],
    ["multi_select", [], []],
    ["date", "2026-03-01", "2026-03-01"],
    ["date", "2026-09-01T06:00:00Z", "2026-09-01T06:00:00.000+00:00"],
    ["date", "2026-09-01T08:30:00.250+02:00", "2026-09-01T06:30:00.250+00:00"],
    ["date", new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), "2026-01-02T03:04:05.000+00:00"],
    ["date", { start: "2026-01-01", end: "2026-01-31" }, { start: "2026-01-01", end: "2026-01-31" }],
    ["date", null, null],
    ["checkbox", true, true],
    ["checkbox", false, false],
    ["url", "https://github.com/acme/infra/commit/abc123", "https://github.com/acme/infra/commit/abc123"],
    ["url", null, null],
    ["email", "ops@example.com", "ops@example.com"],
    ["phone_number", "+1 415 555 0100", "+1 415 555 0100"],
    ["relation", [ID], [ID]],
    ["relation", [ID.replace(/-/g, "").toUpperCase()], [ID]],
    ["relation", [], []],
  ];

  it.each(cases)("%s %j", (type, value, expected) => {
    const decoded = roundTrip(type, value);
    expect(decoded).toEqual(expected);
    expect(sameValue(type, value, decoded)).toBe(true);
  });
});

describe("encoding rules", () => {
  it('sends null, never "", to clear url / email / phone', () => {
    for (const type of ["url", "email", "phone_number"] as const) {
      expect(encodeProperty(type, "")).toEqual({ [type]: null });
      expect(encodeProperty(type, "   ")).toEqual({ [type]: null });
      expect(encodeProperty(type, null)).toEqual({ [type]: null });
    }
  });

  it("refuses over-long url / email / phone with an error naming the property", () => {
    expect(() => encodeProperty("url", `https://x.test/${"a".repeat(2000)}`, { property: "Commit" })).toThrow(
      /Property "Commit" \(url\): 2015 characters is over Notion's limit of 2000/,
    );
    expect(() => encodeProperty("email", `${"a".repeat(200)}@x.test`)).toThrow(NotionValidationError);
    expect(encodeProperty("phone_number", "1".repeat(200))).toEqual({ phone_number: "1".repeat(200) });
  });

  it("numbers must be finite: NaN and Infinity become empty with a warning; strings are refused", () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const { payload, warnings } = warningsFor("number", n);
      expect(payload).toEqual({ number: null });
      expect(warnings[0]?.code).toBe("number_not_finite");
    }
    const error = (() => {
      try {
        encodeProperty("number", "42", { property: "Health Score" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(NotionValidationError);
    expect((error as NotionValidationError).property).toBe("Health Score");
    expect((error as Error).message).toBe(
      'Property "Health Score" (number): expected a number or null, got the string "42"',
    );
  });

  it("option names: commas replaced (with a warning), trimmed, capped at 100, empty → null", () => {
    const { payload, warnings } = warningsFor("select", " Compute, Storage ");
    expect(payload).toEqual({ select: { name: "Compute Storage" } });
    expect(warnings[0]).toMatchObject({ code: "option_name_changed", property: "P" });
    expect(encodeProperty("select", "")).toEqual({ select: null });
    expect(encodeProperty("select", "   ")).toEqual({ select: null });
    const long = warningsFor("select", "é".repeat(150));
    expect((long.payload.select as { name: string }).name).toHaveLength(100);
    expect(normalizeForCompare("select", "Compute,Storage")).toBe("Compute Storage");
    expect(sameValue("select", "Compute, Storage", "Compute Storage")).toBe(true);
  });

  it("multi_select and relation arrays are capped at 100 with a warning; duplicates dropped", () => {
    const names = Array.from({ length: 150 }, (_, i) => `tag-${i}`);
    const many = warningsFor("multi_select", names);
    expect((many.payload.multi_select as unknown[]).length).toBe(100);
    expect(many.warnings.map((w) => w.code)).toEqual(["array_truncated"]);

    const dupes = warningsFor("multi_select", ["Prod", "prod", "Edge", "", "Edge"]);
    expect(dupes.payload).toEqual({ multi_select: [{ name: "Prod" }, { name: "Edge" }] });
    expect(dupes.warnings.map((w) => w.code)).toEqual(["duplicates_dropped"]);

    const ids = Array.from({ length: 120 }, (_, i) => i.toString(16).padStart(32, "0"));
    const relation = warningsFor("relation", ids);
    expect((relation.payload.relation as unknown[]).length).toBe(100);
    expect(relation.warnings.map((w) => w.code)).toEqual(["array_truncated"]);
  });

  it("relation ids must be Notion ids", () => {
    expect(() => encodeProperty("relation", ["not-an-id"], { property: "Site" })).toThrow(
      /Property "Site" \(relation\): expected page ids/,
    );
  });

  it("dates: date-only stays date-only; invalid dates are refused with the property named", () => {
    expect(encodeProperty("date", "2026-02-28")).toEqual({ date: { start: "2026-02-28" } });
    expect(encodeProperty("date", "2026-02-28T10:15")).toEqual({
      date: { start: "2026-02-28T10:15:00.000+00:00" },
    });
    for (const bad of ["2026-02-30", "2026/03/01", "yesterday", "2026-13-01", "2026-01-01T25:00:00Z"]) {
      expect(() => encodeProperty("date", bad, { property: "Last Seen" }), bad).toThrow(
        /Property "Last Seen" \(date\)/,
      );
    }
    expect(encodeProperty("date", "")).toEqual({ date: null });
  });

  it("checkbox: null is unchecked; non-booleans are refused", () => {
    expect(encodeProperty("checkbox", null)).toEqual({ checkbox: false });
    expect(() => encodeProperty("checkbox", "yes")).toThrow(/expected true or false/);
  });

  it("wrong-typed values are refused, not coerced", () => {
    expect(() => encodeProperty("title", 5)).toThrow(/expected a string or null, got number 5/);
    expect(() => encodeProperty("multi_select", "a,b")).toThrow(/expected an array of option names/);
    expect(() => encodeProperty("select", ["a"])).toThrow(/got an array of 1/);
  });
});

describe("comparing desired values with Notion's", () => {
  it("dates compare as instants to the minute; date-only differs from a date-time", () => {
    expect(sameValue("date", "2026-09-01T06:00:00Z", "2026-09-01T08:00:00.000+02:00")).toBe(true);
    expect(sameValue("date", "2026-09-01T06:00:59Z", "2026-09-01T06:00:00.000+00:00")).toBe(true);
    expect(sameValue("date", "2026-09-01T06:01:00Z", "2026-09-01T06:00:00.000+00:00")).toBe(false);
    expect(sameValue("date", "2026-09-01", "2026-09-01T00:00:00.000+00:00")).toBe(false);
    expect(sameValue("date", null, "")).toBe(true);
    expect(normalizeForCompare("date", { start: "2026-01-01", end: "2026-01-31" })).toBe(
      "2026-01-01/2026-01-31",
    );
  });

  it("text: null equals empty; multi_select and relation compare as sets", () => {
    expect(sameValue("rich_text", null, "")).toBe(true);
    expect(sameValue("multi_select", ["b", "a"], ["a", "b"])).toBe(true);
    expect(sameValue("multi_select", ["a"], ["a", "b"])).toBe(false);
    const id = "1f3e4d5c6b7a49889a0b1c2d3e4f5a6b";
    expect(sameValue("relation", [id], ["1f3e4d5c-6b7a-4988-9a0b-1c2d3e4f5a6b"])).toBe(true);
    expect(sameValue("url", "", null)).toBe(true);
    expect(sameValue("number", Number.NaN, null)).toBe(true);
    expect(sameValue("checkbox", null, false)).toBe(true);
  });

  it("changedProperties lists only what differs", () => {
    const schema: RecordSchema = { Name: "title", Score: "number", Seen: "date", Tags: "multi_select" };
    const current = { Name: "Acme", Score: 80, Seen: "2026-09-01T06:00:00.000+00:00", Tags: ["a", "b"] };
    expect(
      changedProperties(
        schema,
        { Name: "Acme", Score: 81, Seen: "2026-09-01T06:00:00Z", Tags: ["b", "a"] },
        current,
      ),
    ).toEqual(["Score"]);
  });
});

describe("whole records", () => {
  const schema: RecordSchema = {
    "Site Name": "title",
    "Site Key": "rich_text",
    "Health Score": "number",
    State: "select",
    "Config Drift": "checkbox",
    "Last Seen": "date",
  };

  it("encodes the given values, skips undefined, and collects warnings with property names", () => {
    const { properties, warnings } = encodeRecord(schema, {
      "Site Name": "Acme",
      "Site Key": "ACME-001",
      "Health Score": Number.NaN,
      State: "Alabama, US",
      "Config Drift": false,
      "Last Seen": undefined,
    });
    expect(Object.keys(properties)).toEqual([
      "Site Name",
      "Site Key",
      "Health Score",
      "State",
      "Config Drift",
    ]);
    expect(warnings.map((w) => [w.property, w.code])).toEqual([
      ["Health Score", "number_not_finite"],
      ["State", "option_name_changed"],
    ]);
  });

  it("names an unknown property", () => {
    expect(() => encodeRecord(schema, { "Site Nmae": "x" })).toThrow(
      /Property "Site Nmae" is not in the schema/,
    );
  });

  it("decodes a page's properties, including read-only types", () => {
    const decoded = decodeRecord({
      "Site Name": asReturnedByNotion("title", encodeProperty("title", "Acme") as Record<string, unknown>),
      Score: { id: "s", type: "formula", formula: { type: "number", number: 42 } },
      ID: { id: "i", type: "unique_id", unique_id: { prefix: "SITE", number: 7 } },
      Created: { id: "c", type: "created_time", created_time: "2026-01-01T00:00:00.000Z" },
      Button: { id: "b", type: "button", button: {} },
    });
    expect(decoded).toEqual({
      "Site Name": "Acme",
      Score: 42,
      ID: "SITE-7",
      Created: "2026-01-01T00:00:00.000Z",
    });
  });
});
