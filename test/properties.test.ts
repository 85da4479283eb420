/**
 * The property suites through the client: random command sequences held to the model on the
 * in-process mock and over a socket; a deliberately broken target is caught and its shrunk
 * counterexample replays as a failing scenario; the live path runs no mock-only step.
 * The seed is fixed in CI, random locally (FC_SEED replays one); it is printed on failure.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import type { FetchLike } from "../client/index.ts";
import { createMockServer, DEMO_IMP_KEY, DEMO_IMP_SECRET, type MockServer } from "../mock-server/index.ts";
import { loadScenarios } from "../scenarios/engine/load.ts";
import { runScenarios } from "../scenarios/engine/run.ts";
import { createTarget, type TargetOptions } from "../scenarios/engine/targets.ts";
import { runPropertySuite, type PropertySuiteResult } from "../scenarios/properties/suite.ts";
import { liveEnv, pathRecorder } from "./support/live-stand-in.ts";

const SEED = Number(process.env.FC_SEED ?? (process.env.CI ? 20_261_201 : Math.floor(Math.random() * 2 ** 31)));
const servers: MockServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cxDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "counterexamples-"));
  dirs.push(dir);
  return dir;
};
const suite = (target: Partial<TargetOptions>, numRuns: number, seed = SEED) =>
  runPropertySuite({
    target: createTarget({ kind: "inprocess", seed, ...target }),
    seed,
    numRuns,
    maxCommands: 60,
    counterexampleDir: cxDir(),
  });

/** The failure as a person needs it: seed, path, commands, first failing step, counterexample file. */
const explain = (result: PropertySuiteResult) =>
  result.passed
    ? ""
    : `property suite failed: seed ${result.seed}, path ${result.path}\n  commands: ${result.commands}\n  ${result.reason}\n  counterexample: ${result.file}\n  replay: FC_SEED=${result.seed} npm test`;

test("the model holds on the in-process mock, and every command family runs", { timeout: 120_000 }, async () => {
  const result = await suite({}, 60);
  expect(result.passed, explain(result)).toBe(true);
  const families = [
    "GetToken",
    "KeyedPayment",
    "IssueKey",
    "Again",
    "Refund",
    "Audit",
    "IssueVbank",
    "Deposit",
    "ModifyVbank",
    "RevokeVbank",
    "RefundTransfer",
    "IssueReceipt",
    "RevokeReceipt",
    "EscrowPayment",
    "RegisterShipping",
    "ChangeShipping",
    "Schedule",
    "Unschedule",
    "AdvanceClock",
    "ChangeRatios",
  ];
  // A family that never ran would be a check nobody made; at this size each runs in practice, whatever the seed.
  expect(Object.keys(result.families).sort(), `seed ${result.seed}`).toEqual(families.sort());
});

test("the model holds over a real socket against a listening mock", { timeout: 120_000 }, async () => {
  const mock = createMockServer({ seed: 2, clock: { mode: "frozen" } });
  servers.push(mock);
  const { url } = await mock.listen(0);
  const result = await suite({ kind: "url", baseUrl: url }, 15);
  expect(result.passed, explain(result)).toBe(true);
});

/** A target that lies once a refund was made: every lookup shows 100 won more refunded than there was. */
const inflatedRefunds =
  (fetch: FetchLike): FetchLike =>
  async (request) => {
    const answer = await fetch(request);
    if (request.method !== "GET" || !/^\/payments\/imp_\w+$/.test(new URL(request.url).pathname)) return answer;
    const body = (await answer.json()) as { response: { cancel_amount: number } | null };
    if (body.response && body.response.cancel_amount > 0) body.response.cancel_amount += 100;
    return Response.json(body, { status: answer.status });
  };

test(
  "a broken target is caught, and the shrunk counterexample replays failing there and passing on the real mock",
  { timeout: 120_000 },
  async () => {
    const result = await suite({ wrapFetch: inflatedRefunds }, 200, 1);
    expect(result.passed).toBe(false);
    expect(result.reason).toMatch(/looked up\): response\.cancel_amount: expected \d+, got \d+/);
    expect(result.commands).toMatch(/refund/);
    const text = readFileSync(result.file!, "utf8");
    expect(text).toContain("call: cancelPayment");
    const [counterexample] = loadScenarios([result.file!]);
    const replay = (target: Partial<TargetOptions>) =>
      runScenarios([counterexample!], createTarget({ kind: "inprocess", seed: 9, ...target }), { seed: 9 });
    const broken = await replay({ wrapFetch: inflatedRefunds });
    expect(broken.results[0]!.outcome).toBe("failed");
    // The same step fails for the same reason (identifiers differ between runs, the mismatch does not).
    expect(broken.results[0]!.reason!.replace(/imp_\w+/g, "imp")).toBe(result.reason!.replace(/imp_\w+/g, "imp"));
    const real = await replay({});
    expect(real.results[0], JSON.stringify(real.results[0]?.reason)).toMatchObject({ outcome: "passed" });
  },
);

test("live without credentials: the suite is skipped with the reason", async () => {
  const result = await suite({ kind: "live", env: {} }, 5);
  expect(result).toMatchObject({ passed: true, numRuns: 0 });
  expect(result.skipped).toMatch(/needs IMP_KEY and IMP_SECRET/);
});

test(
  "live pointed at a mock without its control API: only live-safe commands run, and no mock-only call leaks",
  { timeout: 120_000 },
  async () => {
    const mock = createMockServer({ seed: 4, control: false });
    servers.push(mock);
    const { url } = await mock.listen(0);
    const { paths, wrap } = pathRecorder((path) => path.replace(/imp_\w+|p\w+o\d+/g, "…"));
    const env = liveEnv("customer_smartro_v2");
    const result = await suite({ kind: "live", baseUrl: url, env, wrapFetch: wrap }, 20);
    expect(result.passed, explain(result)).toBe(true);
    expect(Object.keys(result.families).sort()).toEqual(["Again", "Audit", "GetToken", "Refund"]);
    expect([...paths].filter((path) => path.startsWith("/__mock"))).toEqual([]);
    expect([...paths]).toEqual(
      expect.arrayContaining(["/users/getToken", "/subscribe/payments/again", "/payments/cancel"]),
    );
  },
);

test("live without a Smartro v2 billing key to pay with: skipped naming the input, not a vacuous pass", async () => {
  const mock = createMockServer({ seed: 4, control: false });
  servers.push(mock);
  const { url } = await mock.listen(0);
  const result = await suite(
    { kind: "live", baseUrl: url, env: { IMP_KEY: DEMO_IMP_KEY, IMP_SECRET: DEMO_IMP_SECRET } },
    5,
  );
  expect(result).toMatchObject({ passed: true, numRuns: 0, families: {} });
  expect(result.skipped).toBe(
    "inputs without a value: customer_smartro_v2 (give them with --var name=value or IAMPORT_VAR_<NAME>)",
  );
});

test("a target that cannot be reached is reported as unusable, not as a broken model", async () => {
  const result = await suite({ kind: "url", baseUrl: "http://127.0.0.1:1" }, 5);
  expect(result).toMatchObject({ passed: false, numRuns: 0 });
  expect(result.unusable).toMatch(/^the target is not usable: cannot read the mock's state/);
  expect(result.file).toBeUndefined();
});

test(
  "the same seed finds the same failure again: the printed seed is enough to reproduce it",
  { timeout: 120_000 },
  async () => {
    const first = await suite({ wrapFetch: inflatedRefunds }, 200, 1);
    const again = await suite({ wrapFetch: inflatedRefunds }, 200, 1);
    expect(first.passed).toBe(false);
    expect(again).toMatchObject({ passed: false, path: first.path, commands: first.commands, reason: first.reason });
  },
);
