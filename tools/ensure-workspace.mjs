#!/usr/bin/env node
// Makes a fresh clone runnable with nothing but Node and npm: installs the pinned pnpm if it is
// missing, installs the workspace (which brings Node 24 from the npm registry), then runs the
// given command with the workspace's bin folder (and so Node 24) first on PATH.
// Plain JavaScript that runs on Node 20: it is the step before Node 24 exists.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmVersion = packageManager.split("@")[1];
const bin = join(root, "node_modules", ".bin");
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };

function installedPnpm() {
  try {
    return execFileSync("pnpm", ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

function pnpmCommand() {
  if (installedPnpm() === pnpmVersion) return ["pnpm"];
  console.error(`notion-ops: installing pnpm ${pnpmVersion} from the npm registry…`);
  const prefix = join(root, "node_modules", ".cache", "pnpm");
  execFileSync("npm", ["install", "--no-save", "--prefix", prefix, `pnpm@${pnpmVersion}`], {
    stdio: "inherit",
  });
  return [join(prefix, "node_modules", ".bin", "pnpm")];
}

const underPnpm = (process.env.npm_config_user_agent ?? "").startsWith("pnpm/");
const installed = existsSync(join(root, "node_modules", ".modules.yaml")) && existsSync(join(bin, "node"));
if (!(underPnpm && installed)) {
  const [pnpm] = pnpmCommand();
  const args = ["install", "--frozen-lockfile"];
  console.error(
    `notion-ops: ${installed ? "checking" : "installing"} dependencies (pnpm ${args.join(" ")})…`,
  );
  const install = spawnSync(pnpm, args, { cwd: root, stdio: "inherit", env });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const [command, ...rest] = process.argv.slice(2);
if (!command) process.exit(0);
const result = spawnSync(command, rest, { cwd: root, stdio: "inherit", env });
if (result.error) {
  console.error(`notion-ops: cannot run ${command}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
