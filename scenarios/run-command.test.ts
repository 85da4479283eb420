/**
 * `iamport-mock scenarios` as a whole: exit codes (0 passed, 1 failed or drifted with
 * --fail-on-drift, 2 nothing run), progress and summary, JUnit written, refusals before any run.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { runScenariosCommand, type ScenariosCommandOptions } from "./run-command.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "scenarios-cmd-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function command(paths: string[], options: Partial<ScenariosCommandOptions> = {}) {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const code = await runScenariosCommand(
    paths,
    { target: "inprocess", bail: false, vars: {}, seed: 3, ...options },
    io,
  );
  return { code, stdout, stderr };
}

const GOOD = "name: banks\nsteps: [{ call: allBankCodes, expect: { response: { $type: array } } }]\n";
const BAD = "name: wrong code\nsteps: [{ call: allBankCodes, expect: { code: 7 } }]\n";

test("all passing: exit 0, a progress line per scenario, the summary ending in the count", async () => {
  const run = await command([folder({ "a.yaml": GOOD })]);
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(
    /running 1 scenario file\(s\) on inprocess \(a fresh mock per scenario\), seed 3\n\[1\/1\] ✓ banks \(\d+\.\d\d s\)\n/,
  );
  expect(run.stdout).toMatch(/\n1 passed, 0 failed, 0 skipped\n$/);
});

test("a failure: exit 1, and the JUnit file holds the failure", async () => {
  const dir = folder({ "a.yaml": GOOD, "b.yaml": BAD });
  const junit = join(dir, "reports", "junit.xml");
  const run = await command([dir], { junit });
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(
    /✗ wrong code {2}.*b\.yaml\n {4}failed: step 1 \(allBankCodes\): code: expected 7, got 0\n/,
  );
  const xml = readFileSync(junit, "utf8");
  expect(xml).toContain('tests="2" failures="1"');
  expect(xml).toContain('<failure message="step 1 (allBankCodes): code: expected 7, got 0"/>');
});

test.each([
  [
    "a malformed file",
    { "a.yaml": GOOD, "b.yaml": "steps: [{ call: nope }]\n" },
    {},
    /^a problem in scenario files:\n {2}.*b\.yaml: step 1: call: unknown operation "nope".*\nnothing was run\.\n$/s,
  ],
  ["no scenario files", { "notes.txt": "x" }, {}, /^no scenario files \(\*\.yaml, \*\.yml\) in /],
  [
    "a --grep that matches nothing",
    { "a.yaml": GOOD },
    { grep: "refnud" },
    /^no scenario's name or file matches --grep refnud; nothing was run\.\n$/,
  ],
  ["a --grep that is not a regular expression", { "a.yaml": GOOD }, { grep: "(" }, /Invalid regular expression/],
])("%s: exit 2 before anything runs", async (_, files, options, message) => {
  const run = await command([folder(files)], options);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stdout).toBe("");
});

test("a --junit path that cannot be written is refused before the run (exit 2)", async () => {
  const dir = folder({ "a.yaml": GOOD });
  mkdirSync(join(dir, "out.xml"));
  const run = await command([dir], { junit: join(dir, "out.xml") });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--junit .*out\.xml: is a folder; nothing was run\.\n$/);
});

test("--fail-on-drift: a run whose answers differ from the contracts exits 1 even though every expectation held", async () => {
  const { createServer } = await import("node:http");
  const { createMockServer } = await import("../mock-server/index.ts");
  const mock = createMockServer({ seed: 1 });
  // A mock over HTTP whose bank list grew a field the contracts do not know.
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = chunks.length ? Buffer.concat(chunks).toString() : undefined;
    const answer = await mock.app.request(request.url!, {
      method: request.method!,
      headers: request.headers as Record<string, string>,
      ...(body ? { body } : {}),
    });
    const json = (await answer.json()) as { response: unknown };
    if (request.url === "/banks" && Array.isArray(json.response))
      json.response = json.response.map((bank) => ({ ...bank, swift: "X" }));
    response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  try {
    const dir = folder({ "a.yaml": GOOD });
    const lenient = await command([dir], { target: "url", baseUrl: `http://127.0.0.1:${port}` });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/! step 1 \(allBankCodes\) contract drift: response\[0\]\.swift: unknown field/);
    expect(lenient.stdout).toContain(
      "1 scenario(s) saw answers that differ from the contracts (lines marked !)\n1 passed, 0 failed, 0 skipped\n",
    );
    const strict = await command([dir], { target: "url", baseUrl: `http://127.0.0.1:${port}`, failOnDrift: true });
    expect(strict.code).toBe(1);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
