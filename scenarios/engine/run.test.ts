/**
 * The runner on each target: success by default, failures that name the path and the values,
 * captures, bail and grep, skips with their reasons on live, and JUnit output.
 */
import { afterEach, expect, test } from "vitest";
import { createControlClient, type FetchLike } from "../../client/index.ts";
import { createMockServer, DEMO_IMP_SECRET, type MockServer } from "../../mock-server/index.ts";
import { parseScenario, type LoadedScenario } from "./load.ts";
import { junitXml, summaryText } from "./report.ts";
import { runScenarios } from "./run.ts";
import { createTarget, type TargetOptions } from "./targets.ts";
import { liveEnv, pathRecorder } from "../../test/support/live-stand-in.ts";

const servers: MockServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

function scenario(text: string, file = "test.yaml"): LoadedScenario {
  const loaded = parseScenario(text, file);
  if ("problems" in loaded) throw new Error(loaded.problems.join("\n"));
  return loaded;
}

const run = (
  scenarios: LoadedScenario[],
  target: Partial<TargetOptions> = {},
  options: { bail?: boolean; grep?: RegExp } = {},
) => runScenarios(scenarios, createTarget({ kind: "inprocess", seed: 5, ...target }), { seed: 5, ...options });

const PAY = `inputs: [channel_nice_v2]
vars: { order: "o{{$uid}}" }
steps:
  - name: pay
    call: onetime
    mock_only: true
    body: { channel_key: "{{channel_nice_v2}}", merchant_uid: "{{order}}", amount: 1000, card_number: "4242424242424242", expiry: "2030-12", notice_url: "{{$webhook_url}}" }
    capture: { imp_uid: response.imp_uid }
  - await_webhook: { match: { imp_uid: "{{imp_uid}}", status: paid } }
  - control: advanceClock
    body: { seconds: 60 }
  - call: getPaymentByImpUid
    params: { imp_uid: "{{imp_uid}}" }
    expect: { response: { status: paid, paid_at: { $type: integer } } }
  - call: allBankCodes
    expect: { response: { $type: array } }
`;

test("a scenario passes in-process: captures, webhooks, control steps and matchers", async () => {
  const summary = await run([scenario(PAY)]);
  expect(summary.results[0]).toMatchObject({ outcome: "passed" });
  expect(summary.results[0]!.steps.map((s) => s.outcome)).toEqual(["passed", "passed", "passed", "passed", "passed"]);
  expect(summaryText(summary)).toMatch(/\n1 passed, 0 failed, 0 skipped\n$/);
});

test("the same scenario passes over a real socket against a listening mock", async () => {
  const mock = createMockServer({ seed: 1, clock: { mode: "frozen" } });
  servers.push(mock);
  const { url } = await mock.listen(0);
  const summary = await run([scenario(PAY)], { kind: "url", baseUrl: url });
  expect(summary.results[0]).toMatchObject({ outcome: "passed" });
  expect(summary.target).toBe(`url ${url}`);
});

test("without status or code a step expects success; a refusal fails it naming status and code", async () => {
  const summary = await run([
    scenario(
      "steps:\n  - call: getPaymentByImpUid\n    params: { imp_uid: imp_000000000000 }\n  - call: allBankCodes\n",
    ),
  ]);
  const [result] = summary.results;
  expect(result!.outcome).toBe("failed");
  expect(result!.reason).toBe("step 1 (getPaymentByImpUid): status: expected 200, got 404; code: expected 0, got -1");
  expect(result!.steps).toHaveLength(1); // the first failure ends the scenario
  expect(summaryText(summary)).toContain('got:  {"status":404,"code":-1');
});

test("an expected refusal passes; a capture the answer lacks fails naming the path", async () => {
  const refusal = scenario(
    "steps:\n  - call: getPaymentByImpUid\n    params: { imp_uid: imp_000000000000 }\n    expect: { status: 404, code: -1, message: { $present: true }, response: null }\n",
  );
  const capture = scenario("steps:\n  - call: allBankCodes\n    capture: { x: response.nope }\n", "capture.yaml");
  const summary = await run([refusal, capture]);
  expect(summary.results.map((r) => r.outcome)).toEqual(["passed", "failed"]);
  expect(summary.results[1]!.reason).toBe("step 1 (allBankCodes): capture x: response.nope is not in the answer");
});

test("an input the target does not have fails before anything is sent, naming it", async () => {
  const summary = await run([scenario("inputs: [channel_danal]\nsteps: [{ call: allBankCodes }]\n")]);
  expect(summary.results[0]).toMatchObject({ outcome: "failed", steps: [] });
  expect(summary.results[0]!.reason).toMatch(/^inputs without a value: channel_danal/);
});

test("--bail stops after the first failure; --grep chooses by name or file", async () => {
  const bad = scenario("name: bad\nsteps: [{ call: allBankCodes, expect: { code: 1 } }]\n", "bad.yaml");
  const good = scenario("name: good\nsteps: [{ call: allBankCodes }]\n", "good.yaml");
  const bailed = await run([bad, good], {}, { bail: true });
  expect(bailed.results.map((r) => [r.name, r.outcome, r.reason ?? ""])).toEqual([
    ["bad", "failed", "step 1 (allBankCodes): code: expected 1, got 0"],
    ["good", "skipped", "not run: --bail after a failure"],
  ]);
  const chosen = await run([bad, good], {}, { grep: /good/ });
  expect(chosen.results.map((r) => r.name)).toEqual(["good"]);
});

test("live without credentials: every scenario is skipped with the reason, nothing is sent", async () => {
  let sent = 0;
  const summary = await run([scenario(PAY)], {
    kind: "live",
    env: {},
    wrapFetch: (fetch) => (request) => (sent++, fetch(request)),
  });
  expect(summary.results[0]).toMatchObject({ outcome: "skipped" });
  expect(summary.results[0]!.reason).toMatch(/needs IMP_KEY and IMP_SECRET/);
  expect(sent).toBe(0);
  expect(summaryText(summary)).toMatch(/0 passed, 0 failed, 1 skipped\n$/);
});

test("live pointed at a mock whose control API is off: mock-only steps are skipped and none leaks through", async () => {
  const mock = createMockServer({ seed: 1, control: false });
  servers.push(mock);
  const { url } = await mock.listen(0);
  const { paths, wrap: record } = pathRecorder();
  const env = liveEnv("channel_nice_v2");
  const mockOnly = scenario("mock_only: true\nsteps: [{ control: reset }]\n", "mock-only.yaml");
  const summary = await run([scenario(PAY), mockOnly], { kind: "live", baseUrl: url, env, wrapFetch: record });
  const [pay, skipped] = summary.results;
  expect(pay!.steps.map((s) => `${s.outcome}${s.reason ? `: ${s.reason}` : ""}`)).toEqual([
    "skipped: mock-only step",
    "skipped: mock-only: the live API cannot reach this machine's webhook receiver",
    "skipped: mock-only: the live API has no control API",
    "skipped: {{imp_uid}} has no value: a skipped step would have set it",
    "passed",
  ]);
  expect(pay!.outcome).toBe("passed");
  expect(skipped).toMatchObject({ outcome: "skipped", reason: "mock-only scenario (the live API has no control API)" });
  expect(paths.filter((path) => path.startsWith("/__mock"))).toEqual([]);
  expect(paths).toEqual(["/users/getToken", "/banks"]);
});

test("JUnit XML has one test case per scenario, with failures and skips", async () => {
  const bad = scenario("name: bad\nsteps: [{ call: allBankCodes, expect: { code: 1 } }]\n", "bad.yaml");
  const skipped = scenario("name: skip\nmock_only: true\nsteps: [{ control: reset }]\n", "skip.yaml");
  const summary = await run([bad, scenario(PAY, "pay.yaml"), skipped], { kind: "live", env: {} });
  const xml = junitXml({ ...summary, results: [(await run([bad])).results[0]!, ...summary.results.slice(1)] });
  expect(xml).toMatch(
    /<testsuite name="iamport-mock scenarios on live https:\/\/api\.iamport\.kr" tests="3" failures="1" errors="0" skipped="2">/,
  );
  expect(xml).toContain('<testcase classname="bad.yaml" name="bad"');
  expect(xml).toMatch(/<failure message="step 1 \(allBankCodes\): code: expected 1, got 0"/);
  expect(xml).toContain('<property name="seed" value="5"/>');
});

test("a failing step's report shows what was sent and what came back, without the credentials or the token, in any output", async () => {
  const text = `inputs: [imp_key, imp_secret]
steps:
  - call: getToken
    body: { imp_key: "{{imp_key}}", imp_secret: "{{imp_secret}}" }
    capture: { token: response.access_token }
  - name: a mismatch that quotes the token
    call: getToken
    body: { imp_key: "{{imp_key}}", imp_secret: "{{imp_secret}}" }
    expect: { response: { access_token: "not {{token}}", now: "{{imp_secret}}" } }
`;
  const mock = createMockServer({ seed: 1, clock: { mode: "frozen" } });
  servers.push(mock);
  const { url } = await mock.listen(0);
  const summary = await run([scenario(text)], { kind: "url", baseUrl: url });
  const state = await createControlClient({ baseUrl: url }).call("getState");
  const token = state.ok ? state.response.tokens.map((t) => t.access_token) : [];
  expect(token).toHaveLength(1);
  const outputs = [summaryText(summary), junitXml(summary), JSON.stringify(summary.results)];
  expect(outputs[0]).toContain('sent: {"body":{"imp_key":"[redacted]","imp_secret":"[redacted]"}}');
  expect(outputs[0]).toMatch(
    /failed: step 2 \(a mismatch that quotes the token\): response\.access_token: expected "not \[redacted\]", got "\[redacted\]"; response\.now: expected "\[redacted\]"/,
  );
  for (const output of outputs) {
    expect(output).not.toContain(DEMO_IMP_SECRET);
    for (const value of token) expect(output).not.toContain(value);
  }
});

test("on a mock, a template without a value fails its step, and one in the expectation fails it before the request is sent", async () => {
  let sent = 0;
  const count =
    (fetch: FetchLike): FetchLike =>
    (request) => (new URL(request.url).pathname === "/banks" && sent++, fetch(request));
  const text = `steps:
  - call: allBankCodes
    capture: { banks: response }
  - call: allBankCodes
    expect: { response: "{{banks.nothere}}" }
`;
  const summary = await run([scenario(text)], { wrapFetch: count });
  expect(summary.results[0]).toMatchObject({
    outcome: "failed",
    reason: "step 2 (allBankCodes): {{banks.nothere}} has no value (a typo in the name or path, or a path into null?)",
  });
  expect(sent).toBe(1);
});
