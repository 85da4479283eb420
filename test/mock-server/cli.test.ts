import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test, vi } from "vitest";
import { main } from "../../mock-server/cli.ts";
import type { MockServer } from "../../mock-server/index.ts";
import { runScenariosCommand } from "../../scenarios/run-command.ts";

// The runner has its own tests; here only what the CLI hands it, and that its answer is the exit code.
vi.mock("../../scenarios/run-command.ts", () => ({ runScenariosCommand: vi.fn(async () => 3) }));

const BIN = join(import.meta.dirname, "../../bin/iamport-mock.js");
const started: ChildProcess[] = [];
const serving: MockServer[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(serving.splice(0).map((mock) => mock.close()));
});

/** The real binary in its own process: only the smoke test, as each spawn costs seconds of tsx start-up. */
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
  // A test that is done before the process listens never awaits `listening`; keep its rejection from going unhandled.
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => ({ stdout, stderr }) };
}

/** `main` in this process with a recording io; a mock it serves is closed after the test. */
async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  let url: string | undefined;
  const io = { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text) };
  const code = await main(args, io, {
    onListening: (served) => {
      serving.push(served.mock);
      url = served.url;
    },
  });
  return { code, url, stdout, stderr };
}

/** A JSON POST, as for getToken. */
const json = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

function configFile(config: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "iamport-mock-")), "config.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

test("npx iamport-mock serves the demo merchant on 127.0.0.1 and prints how to use it", async () => {
  const spawned = run(["--port", "0", "--seed", "5", "--clock", "frozen"]);
  const url = await spawned.listening;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const banner = spawned.output().stdout;
  for (const text of [
    "seed 5",
    "clock frozen",
    "imp_key    demo_imp_key",
    "imp_secret demo_imp_secret",
    "channel-key-demo-smartro-v2",
    "smartro_v2",
    "(default)",
    "curl -s",
    "webhooks   no URL: only a request's notice_url gets them",
  ]) {
    expect(banner).toContain(text);
  }
  const token = await fetch(`${url}/users/getToken`, json({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }));
  const { response } = (await token.json()) as { response: { access_token: string } };
  const paid = await fetch(`${url}/subscribe/payments/onetime`, {
    method: "POST",
    headers: { authorization: response.access_token, "content-type": "application/x-www-form-urlencoded" },
    body: "merchant_uid=cli1&amount=1000&card_number=4242424242424242&expiry=2030-12",
  });
  expect(((await paid.json()) as { response: { status: string } }).response.status).toBe("paid");
  spawned.child.kill("SIGTERM");
  expect(await spawned.exited).toBe(0);
});

test.each([
  [["--port", "http"], /--port must be a whole number \(got "http"\)/],
  [["--clock", "sundial"], /--clock must be wall or frozen/],
  [["--colour"], /unknown option '--colour'/i],
])("iamport-mock %j exits 2 with the problem and the usage", async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain("Usage: iamport-mock");
  expect(run.url).toBeUndefined();
});

test("a config file with a bad field is refused naming the field", async () => {
  const file = configFile({
    merchants: [
      {
        store_code: "shop",
        imp_key: "k",
        imp_secret: "s",
        channels: [{ channel_key: "c", pg_provider: "nopay", pg_id: "m" }],
      },
    ],
  });
  const run = await cli(["--config", file, "--port", "0"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("merchants[0].store_code: must be imp followed by 8 digits");
  expect(run.stderr).toContain('merchants[0].channels[0].pg_provider: unknown pg_provider "nopay"');
});

test("a config file serves its own merchants", async () => {
  const file = configFile({
    merchants: [
      {
        store_code: "imp20000000",
        imp_key: "own_key",
        imp_secret: "own_secret",
        channels: [{ channel_key: "own", pg_provider: "kcp", pg_id: "T1" }],
      },
    ],
  });
  const run = await cli(["--config", file, "--port", "0"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("merchant imp20000000");
  const token = await fetch(`${run.url}/users/getToken`, json({ imp_key: "own_key", imp_secret: "own_secret" }));
  expect(token.status).toBe(200);
});

test("the banner lists a config's smart-routing groups with their capability warnings", async () => {
  const channels = [
    { channel_key: "nice", pg_provider: "nice_v2", pg_id: "n1" },
    { channel_key: "smartro", pg_provider: "smartro_v2", pg_id: "s1" },
  ];
  const group = {
    id: "channel-group-test-22222222-2222-4222-8222-222222222222",
    name: "mixed",
    channels: [
      { channel_key: "nice", ratio: 60 },
      { channel_key: "smartro", ratio: 40 },
    ],
  };
  const file = configFile({
    merchants: [{ store_code: "imp20000000", imp_key: "k", imp_secret: "s", channels, channel_groups: [group] }],
  });
  const { stdout } = await cli(["--config", file, "--port", "0", "--clock", "frozen"]);
  expect(stdout).toContain(`channel group ${group.id} (mixed): nice 60%, smartro 40%`);
  expect(stdout).toMatch(
    /warning: keyed card payments \(POST \/subscribe\/payments\/onetime\): smartro \(smartro_v2\) cannot take part/,
  );
});

test("a config whose ratio change is not ahead of the clock exits 2 naming it", async () => {
  const channels = [{ channel_key: "nice", pg_provider: "nice_v2", pg_id: "n1" }];
  const group = {
    name: "g",
    channels: [{ channel_key: "nice", ratio: 100 }],
    ratio_change: { at: 3600, ratios: { nice: 100 } },
  };
  const file = configFile({
    merchants: [{ store_code: "imp20000000", imp_key: "k", imp_secret: "s", channels, channel_groups: [group] }],
  });
  const run = await cli(["--config", file, "--port", "0"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("merchants[0].channel_groups[0].ratio_change.at: 3600 is not after the clock's start");
});

test("--no-control serves without the control API and the banner says so", async () => {
  const run = await cli(["--port", "0", "--clock", "frozen", "--no-control"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("control API: off (--no-control)");
  expect(run.stdout).not.toContain("/__mock/state");
  const state = await fetch(`${run.url}/__mock/state`);
  expect(state.status).toBe(404);
  expect(((await state.json()) as { code: number }).code).toBe(-1);
  const credentials = { imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" };
  const token = await fetch(`${run.url}/users/getToken`, json(credentials));
  expect(token.status).toBe(200);
});

test("--help lists the subcommands, serve being the default", async () => {
  const run = await cli(["--help"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Usage: iamport-mock");
  expect(run.stdout).toMatch(/^\s+serve \[options\]\s+serve the mock \(the default command\)$/m);
  expect(run.stdout).toMatch(/^\s+scenarios \[options\] <paths\.\.\.>\s+run scenario files/m);
  expect(run.url).toBeUndefined();
});

test("serve --help lists the serving options", async () => {
  const run = await cli(["serve", "--help"]);
  expect(run.code).toBe(0);
  for (const option of ["--port", "--host", "--config", "--seed", "--clock", "--no-control"])
    expect(run.stdout).toContain(option);
});

test("scenarios --help lists its options", async () => {
  const run = await cli(["scenarios", "--help"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Usage: iamport-mock scenarios [options] <paths...>");
  const options = [
    "--target <target>",
    "--base-url <url>",
    "--junit <file>",
    "--grep <pattern>",
    "--bail",
    "--fail-on-drift",
    "--seed <n>",
  ];
  for (const option of [...options, "--var <name=value>"]) expect(run.stdout).toContain(option);
});

test.each([
  [["scenarios", "x", "--target", "nowhere"], /--target must be one of inprocess, url, live \(got "nowhere"\)/],
  [["scenarios", "x", "--var", "bad"], /--var must be name=value \(got "bad"\)/],
  [["scenarios", "x", "--var", "a=1", "--var", "=2"], /--var must be name=value \(got "=2"\)/],
  [["scenarios", "x", "--seed", "x"], /--seed must be a whole number/],
  [["scenarios"], /missing required argument 'paths'/],
])("iamport-mock %j exits 2 before running anything", async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain("Usage: iamport-mock scenarios");
});

test("scenarios hands the runner its paths and parsed options, and exits with the runner's code", async () => {
  const args = ["scenarios", "a.yaml", "dir", "--target", "url", "--base-url", "http://mock", "--junit", "out.xml"];
  const run = await cli([
    ...args,
    "--grep",
    "refund",
    "--bail",
    "--fail-on-drift",
    "--seed",
    "7",
    "--var",
    "amount=1000",
    "--var",
    "q=a=b",
  ]);
  expect(run.code).toBe(3);
  const vars = { amount: "1000", q: "a=b" };
  const options = {
    target: "url",
    baseUrl: "http://mock",
    junit: "out.xml",
    grep: "refund",
    bail: true,
    failOnDrift: true,
    seed: 7,
    vars,
  };
  const io = expect.objectContaining({ stdout: expect.any(Function), stderr: expect.any(Function) });
  expect(runScenariosCommand).toHaveBeenCalledWith(["a.yaml", "dir"], options, io);
});

test("scenarios defaults to the in-process target with no variables", async () => {
  await cli(["scenarios", "a.yaml"]);
  const defaults = expect.objectContaining({ target: "inprocess", bail: false, failOnDrift: false, vars: {} });
  expect(runScenariosCommand).toHaveBeenLastCalledWith(["a.yaml"], defaults, expect.anything());
});

test("record --help lists its options, and the program's help lists record", async () => {
  const run = await cli(["record", "--help"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Usage: iamport-mock record [options]");
  const options = ["--upstream <url>", "--out <file>", "--port <port>", "--host <host>", "--name <name>"];
  for (const option of options) expect(run.stdout).toContain(option);
  expect((await cli(["--help"])).stdout).toMatch(
    /^\s+record \[options\]\s+write a session with an upstream as a scenario$/m,
  );
});

test.each([
  [
    ["record", "--upstream", "ftp://host/", "--out", "a.yaml"],
    /--upstream must be an http or https URL \(got "ftp:\/\/host\/"\)/,
  ],
  [
    ["record", "--upstream", "localhost:4010", "--out", "a.yaml"],
    /--upstream must be an http or https URL \(got "localhost:4010"\)/,
  ],
  [
    ["record", "--upstream", "http://127.0.0.1:4010", "--out", "a.yaml", "--port", "4o11"],
    /--port must be a whole number \(got "4o11"\)/,
  ],
  [
    ["record", "--upstream", "http://127.0.0.1:4010", "--out", "a.yaml", "--port", "70000"],
    /--port must be at most 65535/,
  ],
  [["record", "--out", "a.yaml"], /required option '--upstream <url>' not specified/],
  [["record", "--upstream", "http://127.0.0.1:4010"], /required option '--out <file>' not specified/],
])("iamport-mock %j exits 2 before recording anything", async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toContain("Usage: iamport-mock record");
});

test("properties --help lists its options, and the program's help lists properties", async () => {
  const run = await cli(["properties", "--help"]);
  expect(run.code).toBe(0);
  const options = [
    "--target <target>",
    "--base-url <url>",
    "--runs <n>",
    "--max-commands <n>",
    "--seed <n>",
    "--var <name=value>",
    "--out-dir <dir>",
  ];
  for (const option of options) expect(run.stdout).toContain(option);
  expect((await cli(["--help"])).stdout).toMatch(/^\s+properties \[options\]\s+run the property suite/m);
});

test.each([
  [["properties", "--target", "prod"], /--target must be one of inprocess, url, live \(got "prod"\)/],
  [["properties", "--runs", "many"], /--runs must be a whole number \(got "many"\)/],
  [["properties", "--runs", "0"], /--runs and --max-commands must be at least 1/],
  [["properties", "--max-commands", "-3"], /--max-commands must be a whole number/],
])("iamport-mock %j exits 2 before running anything", async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
});

test("properties runs the suite in-process and ends with the count line", async () => {
  const run = await cli(["properties", "--runs", "3", "--seed", "11", "--out-dir", join(tmpdir(), "never-written")]);
  expect(run.stderr).toContain(
    "property suite on inprocess (a fresh mock per scenario): 3 runs of up to 60 commands, seed 11",
  );
  expect(run.stdout).toMatch(/^commands run: /);
  expect(run.stdout).toMatch(/the model held for 3 runs \(seed 11\)\n1 passed, 0 failed\n$/);
  expect(run.code).toBe(0);
});

test("properties on live without credentials is skipped with the reason, not failed", async () => {
  const saved = { key: process.env.IMP_KEY, secret: process.env.IMP_SECRET };
  delete process.env.IMP_KEY;
  delete process.env.IMP_SECRET;
  try {
    const run = await cli(["properties", "--target", "live", "--runs", "2"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^skipped: the live target needs IMP_KEY and IMP_SECRET/);
  } finally {
    if (saved.key !== undefined) process.env.IMP_KEY = saved.key;
    if (saved.secret !== undefined) process.env.IMP_SECRET = saved.secret;
  }
});

test("properties against a target it cannot reach exits 2 saying so, and writes no counterexample", async () => {
  const outDir = join(tmpdir(), `unreachable-${process.pid}`);
  const run = await cli([
    "properties",
    "--target",
    "url",
    "--base-url",
    "http://127.0.0.1:1",
    "--runs",
    "2",
    "--out-dir",
    outDir,
  ]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/the target is not usable: .*\nnothing was run\.\n$/);
  expect(existsSync(outDir)).toBe(false);
});

test("a config whose seeded payment cannot be made exits 2 naming it", async () => {
  const file = configFile({
    merchants: [
      {
        store_code: "imp10000001",
        imp_key: "k",
        imp_secret: "s",
        channels: [{ channel_key: "c", pg_provider: "nice_v2", pg_id: "m", pay_methods: ["card"] }],
        payments: [{ merchant_uid: "x", amount: 100, pay_method: "vbank" }],
      },
    ],
  });
  const run = await cli(["--port", "0", "--config", file]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/merchants\[0\]\.payments\[0\]: .*vbank/);
});
