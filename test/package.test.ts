/**
 * The published package, as another project gets it: `npm pack` (which builds dist/ through
 * `prepack`), then a fresh project in a temporary folder that installs the tarball, runs
 * `npx iamport-mock`, uses both entry points in a vitest test and type-checks that test under the
 * config `tsc --init` writes.
 *
 * Nothing comes from the internet. The tarball is unpacked into the project's node_modules, as npm
 * would, and its `dependencies` (only those: a missing one fails the test) and the project's own dev
 * tools (vitest, typescript, @types/node) are linked from this repository's node_modules. npm's
 * offline install cannot stand in: it needs the registry's package documents for every version
 * range, which `npm ci` never stores in a fresh clone's cache.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
};
const CONSUMER_TOOLS = ["vitest", "typescript", "@types/node"];

let work: string;
let project: string;
/** The tarball's files, as npm pack lists them. */
const packedFiles: string[] = [];
const started: ChildProcess[] = [];

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, or kills it after `timeoutMs`. No shell: arguments go as they are. */
function run(command: string, args: string[], options: SpawnOptions & { timeoutMs: number }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The environment without the outer vitest's variables, which would confuse the inner one, and without colours. */
function cleanEnv(): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$|FORCE_COLOR$)/.test(name));
  return { ...Object.fromEntries(kept), NO_COLOR: "1" };
}

/** `npm install <tarball>` without the registry: unpack it, link what it depends on, and its bin. */
function installTarball(tarball: string): Promise<Finished> {
  const modules = join(project, "node_modules");
  mkdirSync(join(modules, ".bin"), { recursive: true });
  for (const name of [...Object.keys(MANIFEST.dependencies), ...CONSUMER_TOOLS]) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(modules, name), "dir");
  }
  return run("tar", ["-xzf", tarball, "-C", modules], { timeoutMs: 30_000 }).then((untarred) => {
    renameSync(join(modules, "package"), join(modules, "iamport-mock"));
    const bin = join(modules, "iamport-mock", "bin", "iamport-mock.js");
    chmodSync(bin, 0o755);
    symlinkSync("../iamport-mock/bin/iamport-mock.js", join(modules, ".bin", "iamport-mock"));
    symlinkSync("../vitest/vitest.mjs", join(modules, ".bin", "vitest"));
    symlinkSync("../typescript/bin/tsc", join(modules, ".bin", "tsc"));
    return untarred;
  });
}

const CONSUMER_TEST = `
import { expect, test } from "vitest";
import { createMockServer, startWebhookReceiver, type MockServer } from "iamport-mock";
import { createIamportClient, unwrap, type Payment } from "iamport-mock/client";
import { operations } from "iamport-mock/contracts";

test("a token, a payment, a refund and the webhook, through the installed package", async () => {
  const hook = await startWebhookReceiver();
  const mock: MockServer = createMockServer({
    seed: 7,
    config: {
      merchants: [
        {
          store_code: "imp10000000",
          imp_key: "key",
          imp_secret: "secret",
          webhook: { url: hook.url },
          channels: [{ channel_key: "ck", pg_provider: "nice_v2", pg_id: "m" }],
        },
      ],
    },
  });
  const iamport = createIamportClient({ baseUrl: "http://mock", fetch: mock.fetch, impKey: "key", impSecret: "secret" });
  expect(await iamport.token()).toMatch(/^[0-9a-f]{40}$/);

  const body = { merchant_uid: "order1", amount: 1000, card_number: "4242424242424242", expiry: "2030-12" };
  const paid: Payment = unwrap(await iamport.call("onetime", { body }));
  expect(paid.status).toBe("paid");
  const refund = unwrap(await iamport.call("cancelPayment", { body: { imp_uid: paid.imp_uid, amount: 400 } }));
  expect(refund.cancel_amount).toBe(400);

  const webhook = await hook.waitFor((request) => request.body.imp_uid === paid.imp_uid);
  expect(webhook.body).toMatchObject({ merchant_uid: "order1", status: "paid" });
  expect(operations.again.path).toBe("/subscribe/payments/again");

  // The client's types are the contracts': an unknown operation does not compile.
  // @ts-expect-error
  const unknownOperation = () => iamport.call("noSuchOperation", {});
  expect(typeof unknownOperation).toBe("function");
  await mock.close();
  await hook.close();
});
`;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "iamport-mock-package-"));
  // prepack builds dist/ first.
  const packed = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: ROOT, timeoutMs: 240_000 });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  // npm prints prepack's output before the JSON.
  const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as [
    { filename: string; files: { path: string }[] },
  ];
  project = join(work, "project");
  mkdirSync(project);
  const devDependencies = { "iamport-mock": `file:../${filename}` };
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module", devDependencies }),
  );
  writeFileSync(join(project, "consumer.test.ts"), CONSUMER_TEST);
  const untarred = await installTarball(join(work, filename));
  if (untarred.code !== 0) throw new Error(`tar failed:\n${untarred.stderr}`);
  packedFiles.push(...files.map((file) => file.path));
}, 300_000);

afterAll(() => {
  // A server left running by a failed test: its process group, which this file started.
  for (const child of started)
    if (child.pid && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the tarball holds the compiled package, its bin and the example config: no sources, tests or bench", () => {
  expect(packedFiles).toEqual(
    expect.arrayContaining([
      "package.json",
      "README.md",
      "bin/iamport-mock.js",
      "examples/iamport-mock.config.json",
      "dist/mock-server/index.js",
      "dist/mock-server/index.d.ts",
      "dist/client/index.js",
      "dist/client/index.d.ts",
      "dist/client/generated/iamport-v1.d.ts",
      "dist/contracts/index.js",
      "dist/contracts/openapi.json",
    ]),
  );
  const stray = packedFiles.filter(
    (path) =>
      !/^(package\.json|README\.md|bin\/iamport-mock\.js|examples\/[^/]+\.json)$/.test(path) &&
      !/^dist\/.+\.(js|d\.ts|json)$/.test(path),
  );
  expect(stray).toEqual([]);
  expect(packedFiles.filter((path) => /\.test\.|^dist\/(test|bench|scripts)\//.test(path))).toEqual([]);
});

test("npx iamport-mock runs the installed package: --version, and serving the API and its contracts", async () => {
  const version = await run("npx", ["--offline", "iamport-mock", "--version"], {
    cwd: project,
    env: cleanEnv(),
    timeoutMs: 60_000,
  });
  expect(version.stderr).toBe("");
  expect(version.stdout).toBe(`${MANIFEST.version}\n`);

  // Its own process group, so that npx and the node process under it are stopped together.
  const child = spawn("npx", ["--offline", "iamport-mock", "--port", "0", "--clock", "frozen", "--quiet"], {
    cwd: project,
    env: cleanEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
  const token = await fetch(`${url}/users/getToken`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ imp_key: "demo_imp_key", imp_secret: "demo_imp_secret" }),
  });
  expect(((await token.json()) as { code: number }).code).toBe(0);
  // Files read at run time are found from dist/: the document, and swagger-ui-dist's from the dependency.
  const document = (await (await fetch(`${url}/__mock/openapi.json`)).json()) as { paths: object };
  expect(Object.keys(document.paths)).toContain("/subscribe/payments/again");
  expect((await fetch(`${url}/__mock/docs/swagger-ui-bundle.js`)).status).toBe(200);
  process.kill(-child.pid!, "SIGTERM");
  await new Promise((resolve) => child.once("close", resolve));
}, 120_000);

test("a vitest test in the other project uses both entry points: token, payment, refund, webhook", async () => {
  const tested = await run(process.execPath, [join(project, "node_modules/vitest/vitest.mjs"), "run"], {
    cwd: project,
    env: cleanEnv(),
    timeoutMs: 120_000,
  });
  expect(tested.stdout + tested.stderr).toMatch(/Tests\s+1 passed \(1\)/);
  expect(tested.code).toBe(0);
}, 150_000);

test("that test type-checks under the config tsc --init writes (strict, nodenext)", async () => {
  const tsc = join(project, "node_modules/typescript/bin/tsc");
  const init = await run(process.execPath, [tsc, "--init"], { cwd: project, timeoutMs: 30_000 });
  expect(init.code).toBe(0);
  const tsconfig = readFileSync(join(project, "tsconfig.json"), "utf8");
  expect(tsconfig).toMatch(/^\s*"strict": true/m);
  expect(tsconfig).toMatch(/^\s*"module": "nodenext"/m);
  const checked = await run(process.execPath, [tsc, "--noEmit", "-p", project], { cwd: project, timeoutMs: 120_000 });
  expect(checked.stdout + checked.stderr).toBe("");
  expect(checked.code).toBe(0);
}, 150_000);
