import { chmod, mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throw-away repository root in the system temp directory, for tests with real files and processes. */
export interface TempRepo {
  root: string;
  path(relative: string): string;
  write(relative: string, content: string, mode?: number): Promise<string>;
  remove(): Promise<void>;
}

export async function createTempRepo(prefix = "notion-ops-scripts-"): Promise<TempRepo> {
  const root = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  const path = (relative: string) => join(root, relative);
  return {
    root,
    path,
    async write(relative, content, mode) {
      const file = path(relative);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
      if (mode !== undefined) await chmod(file, mode);
      return file;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
