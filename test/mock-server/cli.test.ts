import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";

const BIN = join(import.meta.dirname, "../../bin/iamport-mock.js");
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
});

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  // Tests that expect an early exit never await `listening`; keep its rejection from going unhandled.
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

test("npx iamport-mock serves the demo merchant on 127.0.0.1 and prints how to use it", async () => {
  const cli = run(["--port", "0", "--seed", "5", "--clock", "frozen"]);
  const url = await cli.listening;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const banner = cli.output().stdout;
  for (const text of ["seed 5", "clock frozen", "imp_key    demo_imp_key", "imp_secret demo_imp_secret", "channel-key-demo-smartro-v2", "smartro_v2", "(default)", "curl -s", "webhooks   no URL: only a request's notice_url gets them"]) {
    expect(banner).toContain(text);
  }
  const token = await fetch(`${url}/users/getToken`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }) });
  const { response } = (await token.json()) as { response: { access_token: string } };
  const paid = await fetch(`${url}/subscribe/payments/onetime`, {
    method: "POST",
    headers: { authorization: response.access_token, "content-type": "application/x-www-form-urlencoded" },
    body: "merchant_uid=cli1&amount=1000&card_number=4242424242424242&expiry=2030-12",
  });
  expect(((await paid.json()) as { response: { status: string } }).response.status).toBe("paid");
  cli.child.kill("SIGTERM");
  expect(await cli.exited).toBe(0);
});

test.each([
  [["--port", "http"], /--port must be a whole number/],
  [["--clock", "sundial"], /--clock must be wall or frozen/],
  [["--colour"], /Unknown option '--colour'/],
])("iamport-mock %j exits 2 with the problem and the usage", async (args, message) => {
  const cli = run(args);
  expect(await cli.exited).toBe(2);
  expect(cli.output().stderr).toMatch(message);
  expect(cli.output().stderr).toContain("Usage: iamport-mock");
});

test("a config file with a bad field is refused naming the field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "iamport-mock-"));
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify({ merchants: [{ store_code: "shop", imp_key: "k", imp_secret: "s", channels: [{ channel_key: "c", pg_provider: "nopay", pg_id: "m" }] }] }));
  const cli = run(["--config", file, "--port", "0"]);
  expect(await cli.exited).toBe(2);
  const { stderr } = cli.output();
  expect(stderr).toContain("merchants[0].store_code: must be imp followed by 8 digits");
  expect(stderr).toContain('merchants[0].channels[0].pg_provider: unknown pg_provider "nopay"');
});

test("a config file serves its own merchants", async () => {
  const dir = mkdtempSync(join(tmpdir(), "iamport-mock-"));
  const file = join(dir, "config.json");
  writeFileSync(file, JSON.stringify({ merchants: [{ store_code: "imp20000000", imp_key: "own_key", imp_secret: "own_secret", channels: [{ channel_key: "own", pg_provider: "kcp", pg_id: "T1" }] }] }));
  const cli = run(["--config", file, "--port", "0"]);
  const url = await cli.listening;
  expect(cli.output().stdout).toContain("merchant imp20000000");
  const token = await fetch(`${url}/users/getToken`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ imp_key: "own_key", imp_secret: "own_secret" }) });
  expect(token.status).toBe(200);
});

test("the banner lists a config's smart-routing groups with their capability warnings", async () => {
  const dir = mkdtempSync(join(tmpdir(), "iamport-mock-"));
  const file = join(dir, "config.json");
  const channels = [{ channel_key: "nice", pg_provider: "nice_v2", pg_id: "n1" }, { channel_key: "smartro", pg_provider: "smartro_v2", pg_id: "s1" }];
  const group = { id: "channel-group-test-22222222-2222-4222-8222-222222222222", name: "mixed", channels: [{ channel_key: "nice", ratio: 60 }, { channel_key: "smartro", ratio: 40 }] };
  writeFileSync(file, JSON.stringify({ merchants: [{ store_code: "imp20000000", imp_key: "k", imp_secret: "s", channels, channel_groups: [group] }] }));
  const cli = run(["--config", file, "--port", "0", "--clock", "frozen"]);
  await cli.listening;
  const { stdout } = cli.output();
  expect(stdout).toContain(`channel group ${group.id} (mixed): nice 60%, smartro 40%`);
  expect(stdout).toMatch(/warning: keyed card payments \(POST \/subscribe\/payments\/onetime\): smartro \(smartro_v2\) cannot take part/);
});

test("a config whose ratio change is not ahead of the clock exits 2 naming it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "iamport-mock-"));
  const file = join(dir, "config.json");
  const channels = [{ channel_key: "nice", pg_provider: "nice_v2", pg_id: "n1" }];
  const group = { name: "g", channels: [{ channel_key: "nice", ratio: 100 }], ratio_change: { at: 3600, ratios: { nice: 100 } } };
  writeFileSync(file, JSON.stringify({ merchants: [{ store_code: "imp20000000", imp_key: "k", imp_secret: "s", channels, channel_groups: [group] }] }));
  const cli = run(["--config", file, "--port", "0"]);
  expect(await cli.exited).toBe(2);
  expect(cli.output().stderr).toContain("merchants[0].channel_groups[0].ratio_change.at: 3600 is not after the clock's start");
});
