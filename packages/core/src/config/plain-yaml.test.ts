import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { readPlainYaml } from "./plain-yaml.js";

/** What the full reader (the one that reports positions) makes of the text, or undefined on an error. */
function fullRead(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) return undefined;
  const data = document.toJS({ maxAliasCount: 100 });
  return data !== null && typeof data === "object" && !Array.isArray(data) ? data : undefined;
}

const TRICKY_SCALARS = [
  "1e3",
  "0x1F",
  "0o17",
  "+12",
  ".5",
  "1_000",
  "012",
  "-0",
  "+.inf",
  ".NaN",
  "yes",
  "no",
  "on",
  "off",
  "True",
  "tRUE",
  "~",
  "null",
  "NULL",
  "2026-03-01",
  "2026-03-01T10:00:00Z",
  "12:30",
  "0b101",
  "'it''s'",
  '"tab\\there"',
  '"\\u00e9"',
  "  padded  ",
  "#not-a-comment",
  "a # comment",
  "Ünïcödé ☃",
  "https://x.example/a?b=c#d",
  "-1.5e-3",
  "''",
  '""',
  "[]",
  "{}",
  "[1, two, 3.0]",
  "{ a: 1, b: [x] }",
];

const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/);
const scalar = fc.oneof(fc.constantFrom(...TRICKY_SCALARS), fc.stringMatching(/^[ -~]{0,12}$/));
const block = fc.oneof(
  scalar.map((v) => ` ${v}`),
  fc.array(scalar, { maxLength: 3 }).map((items) => items.map((v) => `\n  - ${v}`).join("")),
  fc
    .uniqueArray(fc.tuple(key, scalar), { maxLength: 3, selector: ([k]) => k })
    .map((pairs) => pairs.map(([k, v]) => `\n  ${k}: ${v}`).join("")),
  fc.constantFrom(" |\n  line one\n  line two\n", " >-\n  folded\n  text\n", "", " # only a comment"),
);
const documentText = fc
  .uniqueArray(fc.tuple(key, block), { minLength: 1, maxLength: 5, selector: ([k]) => k })
  .map((entries) => entries.map(([k, v]) => `${k}:${v}`).join("\n"));

describe("readPlainYaml", () => {
  it("reads every document exactly as the full reader does, or leaves it to the full reader", () => {
    let read = 0;
    fc.assert(
      fc.property(documentText, (text) => {
        const quick = readPlainYaml(text);
        if (quick === undefined) return;
        read++;
        expect(quick).toEqual(fullRead(text));
      }),
      { numRuns: 2000, seed: 20261122 },
    );
    expect(read).toBeGreaterThan(500);
  });

  it("leaves anchors, aliases, tags, merge keys, duplicate keys and non-mappings to the full reader", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "base: { x: 1 }\nother:\n  <<: { y: 2 }\n",
      "a: 1\na: 2\n",
      "- just\n- a list\n",
      "plain scalar",
      "",
      "a: [unclosed\n",
      "---\na: 1\n---\nb: 2\n",
    ]) {
      expect(readPlainYaml(text), text).toBeUndefined();
    }
  });
});
