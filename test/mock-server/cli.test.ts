import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test, vi } from "vitest";
import { Option } from "commander";
import { envName, serveOptions } from "../../mock-server/cli-options.ts";
import { main } from "../../mock-server/cli.ts";
import { parseConfig, type MockServer } from "../../mock-server/index.ts";
import { runScenariosCommand } from "../../scenarios/run-command.ts";

// The runner has its own tests; here only what the CLI hands it, and that its answer is the exit code.
vi.mock("../../scenarios/run-command.ts", () => ({ runScenariosCommand: vi.fn(async () => 3) }));

const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/iamport-mock.js");
const started: ChildProcess[] = [];
const serving: MockServer[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
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
  // What was written since, such as the lines of a mock that is still serving.
  const later = () => ({ stdout, stderr });
  return { code, url, stdout, stderr, later };
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

/** A usage error is one line on stderr. */
const oneLine = (stderr: string) => {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  return stderr;
};

test.each([
  [
    ["--port", "http"],
    "error: option '--port <port>' argument 'http' is invalid. It must be a whole number from 0 to 65535.",
  ],
  [
    ["--port", "70000"],
    "error: option '--port <port>' argument '70000' is invalid. It must be a whole number from 0 to 65535.",
  ],
  [
    ["--seed", "-1"],
    "error: option '--seed <n>' argument '-1' is invalid. It must be a whole number from 0 to 2147483647.",
  ],
  [["--seed", "2147483648"], "It must be a whole number from 0 to 2147483647."],
  [
    ["--clock", "sundial"],
    "error: option '--clock <mode>' argument 'sundial' is invalid. Allowed choices are wall, frozen.",
  ],
])("iamport-mock %j exits 2 with one line naming the option and the rule", async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(oneLine(run.stderr)).toContain(message);
  expect(run.url).toBeUndefined();
});

test("an unknown option exits 2 naming it, with commander's guess at the option meant", async () => {
  const run = await cli(["--colour"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toBe("error: unknown option '--colour'\n(Did you mean --clock?)\n");
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

/** One merchant of its own, to tell a config's merchants from the demo one. */
const OWN_MERCHANT = {
  merchants: [
    {
      store_code: "imp20000000",
      imp_key: "own_key",
      imp_secret: "own_secret",
      channels: [{ channel_key: "own", pg_provider: "kcp", pg_id: "T1" }],
    },
  ],
};

test("a config file serves its own merchants", async () => {
  const file = configFile(OWN_MERCHANT);
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

test("the banner names the dashboard, the API reference, the SDK's URL and what refusals say", async () => {
  const run = await cli(["--port", "0", "--clock", "frozen", "--quiet", "--messages", "explanation"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`dashboard: ${run.url}/__mock/ui`);
  expect(run.stdout).toContain(`API reference: ${run.url}/__mock/docs`);
  expect(run.stdout).toContain(`browser SDK: <script src="${run.url}/v1/iamport.js"></script>`);
  expect(run.stdout).toContain("refusals' message: explanation");
  expect((await fetch(`${run.url}/__mock/ui`)).status).toBe(200);
});

test("--no-control serves without the control API and the banner says so", async () => {
  const run = await cli(["--port", "0", "--clock", "frozen", "--no-control"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("control API: off (--no-control)");
  expect(run.stdout).not.toContain("/__mock/state");
  expect(run.stdout).not.toContain("dashboard:");
  // The SDK stand-in stands in for PortOne's own script, so it stays.
  expect(run.stdout).toContain(`browser SDK: <script src="${run.url}/v1/iamport.js"></script>`);
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
  [["scenarios", "x", "--seed", "x"], /'--seed <n>' argument 'x' is invalid. It must be a whole number from 0/],
  [["scenarios"], /missing required argument 'paths'/],
])("iamport-mock %j exits 2 before running anything", async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(oneLine(run.stderr)).toMatch(message);
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
    /'--port <port>' argument '4o11' is invalid. It must be a whole number from 0 to 65535/,
  ],
  [
    ["record", "--upstream", "http://127.0.0.1:4010", "--out", "a.yaml", "--port", "70000"],
    /'--port <port>' argument '70000' is invalid. It must be a whole number from 0 to 65535/,
  ],
  [["record", "--out", "a.yaml"], /required option '--upstream <url>' not specified/],
  [["record", "--upstream", "http://127.0.0.1:4010"], /required option '--out <file>' not specified/],
])("iamport-mock %j exits 2 before recording anything", async (args, message) => {
  const run = await cli(args);
  expect(run.code).toBe(2);
  expect(oneLine(run.stderr)).toMatch(message);
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

test("--version prints the package's version", async () => {
  const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  const run = await cli(["--version"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(`${version}\n`);
});

test("up front the CLI loads commander and its option table only: --help and --version never load the server", () => {
  const staticImports = (file: string) =>
    [...readFileSync(join(ROOT, file), "utf8").matchAll(/^import (?!type )[^;]*?from "([^"]+)";/gms)].map(
      (match) => match[1],
    );
  expect(staticImports("mock-server/cli-entry.ts")).toEqual(["./cli.ts"]);
  expect(staticImports("mock-server/cli.ts")).toEqual([
    "node:fs",
    "node:path",
    "commander",
    "./cli-options.ts",
    "./defaults.ts",
  ]);
  expect(staticImports("mock-server/cli-options.ts")).toEqual(["commander", "./defaults.ts"]);
  expect(staticImports("mock-server/defaults.ts")).toEqual([]);
});

test("every serve option has an IAMPORT_MOCK_* variable, named in serve --help and in docs/mock-server.md", async () => {
  const help = (await cli(["serve", "--help"])).stdout.replace(/\s+/g, " ");
  const docs = readFileSync(join(ROOT, "docs/mock-server.md"), "utf8");
  for (const spec of Object.values(serveOptions)) {
    const name = envName(spec.flags);
    expect(name).toMatch(/^IAMPORT_MOCK_[A-Z_]+$/);
    expect(help).toContain(`env: ${name}`);
    expect(docs).toContain(`\`${name}\``);
    expect(docs).toContain(`\`${new Option(spec.flags).long}`);
  }
  expect(help).toContain("(default: 4020, env: IAMPORT_MOCK_PORT)");
});

test("serve takes its options from the environment, and a flag on the command line wins", async () => {
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    CONFIG: configFile(OWN_MERCHANT),
    SEED: "9",
    CLOCK: "frozen",
    NO_CONTROL: "1",
    QUIET: "true",
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(`IAMPORT_MOCK_${name}`, value);
  const run = await cli(["--seed", "10"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("(seed 10, clock frozen)");
  expect(run.stdout).toContain("merchant imp20000000");
  expect(run.stdout).toContain("control API: off");
  expect(run.stdout).not.toContain("requests (");
  expect((await fetch(`${run.url}/__mock/state`)).status).toBe(404);
  expect(
    (await fetch(`${run.url}/users/getToken`, json({ imp_key: "own_key", imp_secret: "own_secret" }))).status,
  ).toBe(200);
  expect(run.later().stdout).toBe(run.stdout);
});

test.each([
  [
    "IAMPORT_MOCK_PORT",
    "65536",
    "error: option '--port <port>' value '65536' from env 'IAMPORT_MOCK_PORT' is invalid.",
  ],
  ["IAMPORT_MOCK_SEED", "-4", "error: option '--seed <n>' value '-4' from env 'IAMPORT_MOCK_SEED' is invalid."],
  ["IAMPORT_MOCK_QUIET", "0", 'error: IAMPORT_MOCK_QUIET turns --quiet on and must be 1 or true (got "0")'],
  ["IAMPORT_MOCK_NO_CONTROL", "no", "error: IAMPORT_MOCK_NO_CONTROL turns --no-control on and must be 1 or true"],
])("%s=%s exits 2 with one line naming the variable and the rule", async (name, value, message) => {
  vi.stubEnv(name, value);
  const run = await cli([]);
  expect(run.code).toBe(2);
  expect(oneLine(run.stderr)).toContain(message);
  expect(run.url).toBeUndefined();
});

test("serve writes a line per request (method, path, operation, status, code, time); --quiet writes none", async () => {
  const loud = await cli(["--port", "0", "--clock", "frozen"]);
  expect(loud.stdout).toMatch(/\nrequests \(method path operation status code time; --quiet turns this off\):\n$/);
  await fetch(`${loud.url}/users/getToken`, json({ imp_key: "demo_imp_key", imp_secret: "nope" }));
  await fetch(`${loud.url}/subscribe/again`, json({}));
  // The control API's own calls are the test talking to the mock, not traffic.
  await fetch(`${loud.url}/__mock/state`);
  expect(loud.later().stdout.slice(loud.stdout.length).split("\n")).toEqual([
    expect.stringMatching(/^POST \/users\/getToken getToken 401 code=-1 \d+\.\dms$/),
    expect.stringMatching(/^POST \/subscribe\/again - 404 code=-1 \d+\.\dms$/),
    "",
  ]);

  const quiet = await cli(["--port", "0", "--clock", "frozen", "--quiet"]);
  expect(quiet.stdout).not.toContain("requests (");
  await fetch(`${quiet.url}/users/getToken`, json({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }));
  expect(quiet.later().stdout).toBe(quiet.stdout);
});

test("examples/iamport-mock.config.json, which the README names, is a valid config the CLI serves", async () => {
  const file = join(ROOT, "examples/iamport-mock.config.json");
  expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("examples/iamport-mock.config.json");
  const config = parseConfig(JSON.parse(readFileSync(file, "utf8")));
  expect(config.merchants[0]!.channels.map((channel) => channel.pg_provider)).toEqual(["smartro_v2", "nice_v2"]);
  const run = await cli(["--config", file, "--port", "0", "--clock", "frozen", "--quiet"]);
  expect(run.code).toBe(0);
  const token = await fetch(`${run.url}/users/getToken`, json({ imp_key: "my_key", imp_secret: "my_secret" }));
  expect(((await token.json()) as { code: number }).code).toBe(0);
});
