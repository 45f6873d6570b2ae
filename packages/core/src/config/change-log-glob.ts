import picomatch from "picomatch";

const SITE = "{site}";

/**
 * A `changeLog.paths[].glob`: a picomatch glob in which `{site}` stands for one path segment
 * that is a site key. Returns a problem description, or undefined when the glob is usable.
 */
export function checkChangeLogGlob(glob: string): string | undefined {
  if (glob.startsWith("/")) return "must be relative to the repository root";
  if (glob.split("/").includes("..")) return "must not contain '..'";
  const occurrences = glob.split(SITE).length - 1;
  if (occurrences > 1) return "may contain {site} at most once";
  if (occurrences === 1) {
    const [before = "", after = ""] = glob.split(SITE);
    if (!(before === "" || before.endsWith("/")) || !(after === "" || after.startsWith("/"))) {
      return "{site} must be a whole path segment (e.g. configs/{site}/**)";
    }
    if (before.includes("**")) return "must not use ** before {site} (the site must sit at a fixed depth)";
  }
  let depth = 0;
  for (const char of glob.replaceAll(SITE, "")) {
    if (char === "{" || char === "[" || char === "(") depth++;
    if (char === "}" || char === "]" || char === ")") depth--;
    if (depth < 0) break;
  }
  if (depth !== 0) return "has unbalanced brackets or braces";
  try {
    picomatch.makeRe(glob.replaceAll(SITE, "*"), { strictBrackets: true });
  } catch (error) {
    return `is not a valid glob (${(error as Error).message})`;
  }
  return undefined;
}

/** Matches `file` against the glob; returns the captured site key ("" when the glob has no {site}), or undefined. */
export function matchChangeLogGlob(glob: string, file: string): string | undefined {
  const [before, after] = glob.includes(SITE) ? glob.split(SITE) : [glob, undefined];
  if (after === undefined) return picomatch.isMatch(file, glob, { dot: true }) ? "" : undefined;
  const segments = file.split("/");
  const prefixDepth = (before ?? "").split("/").length - 1;
  const candidate = segments[prefixDepth];
  if (!candidate) return undefined;
  const concrete = `${before}${candidate}${after}`;
  return picomatch.isMatch(file, concrete, { dot: true }) ? candidate : undefined;
}
