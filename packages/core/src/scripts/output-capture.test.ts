import { describe, expect, it } from "vitest";
import { createOutputCapture } from "./output-capture.js";

const identity = (text: string) => text;

describe("output capture", () => {
  it("keeps everything under the limit, across chunks, and masks the whole text", () => {
    const capture = createOutputCapture(1024);
    capture.write(Buffer.from("token=abc"));
    capture.write(Buffer.from("def123\nok\n"));
    expect(capture.finish((text) => text.replaceAll("abcdef123", "***"))).toEqual({
      text: "token=***\nok\n",
      totalBytes: 19,
      omittedBytes: 0,
    });
  });

  it("keeps a quarter from the head and three quarters from the tail, cut at lines", () => {
    const capture = createOutputCapture(400);
    const lines = Array.from({ length: 200 }, (_, i) => `line ${String(i).padStart(3, "0")}\n`);
    for (const line of lines) capture.write(Buffer.from(line));
    const { text, totalBytes, omittedBytes } = capture.finish(identity);
    expect(totalBytes).toBe(200 * 9);
    const [head, tail] = text.split(/… \d+ bytes omitted …\n/);
    expect(head).toBe(lines.slice(0, 11).join(""));
    expect(tail).toBe(lines.slice(-33).join(""));
    expect(omittedBytes).toBe(totalBytes - head!.length - tail!.length);
    expect(text).toContain(`… ${omittedBytes} bytes omitted …\n`);
  });

  it("does not split a secret across the cut: the partial line is dropped", () => {
    const capture = createOutputCapture(100);
    capture.write(Buffer.from(`${"a".repeat(20)}\nSECRETVALUE${"b".repeat(60)}\n`));
    capture.write(Buffer.from(`${"c".repeat(300)}\nSECRETVALUE-tail\n${"d".repeat(60)}\n`));
    const { text } = capture.finish((t) => t.replaceAll("SECRETVALUE", "***"));
    expect(text).not.toMatch(/SECRET|VALUE/);
    expect(text.startsWith(`${"a".repeat(20)}\n…`)).toBe(true);
    expect(text.endsWith(`${"d".repeat(60)}\n`)).toBe(true);
  });

  it("cuts mid-line when a line is longer than the limit", () => {
    const capture = createOutputCapture(40);
    capture.write(Buffer.from("x".repeat(1000)));
    const { text, omittedBytes } = capture.finish(identity);
    expect(text).toBe(`${"x".repeat(10)}\n… 960 bytes omitted …\n${"x".repeat(30)}`);
    expect(omittedBytes).toBe(960);
  });
});
