/** A malformed scenario is refused before anything runs, naming the file, the step and the field. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { findScenarioFiles, loadScenarios, parseScenario, ScenarioFileError } from "./load.ts";

const problems = (text: string) => {
  const result = parseScenario(text, "s.yaml");
  return "problems" in result ? result.problems : [];
};

test("a good file loads, named by its `name` or else its file name", () => {
  const loaded = parseScenario("steps:\n  - call: allBankCodes\n", "dir/banks.yaml");
  expect(loaded).toMatchObject({
    file: "dir/banks.yaml",
    name: "banks",
    scenario: { steps: [{ call: "allBankCodes" }] },
  });
});

test.each([
  ["not YAML", "steps: [\n", /^s\.yaml: not YAML: /],
  ["no steps", "name: x\n", /^s\.yaml: steps: /],
  [
    "an unknown top-level key",
    "stepz: []\nsteps: [{ call: allBankCodes }]\n",
    /^s\.yaml: \(file\): Unrecognized key: "stepz"/,
  ],
  [
    "an unknown operation, with the closest key",
    "steps:\n  - call: agian\n",
    /^s\.yaml: step 1: call: unknown operation "agian"; did you mean again\?/,
  ],
  [
    "an unknown control operation",
    "steps:\n  - control: advance\n",
    /^s\.yaml: step 1: control: unknown control operation "advance"/,
  ],
  [
    "a step of two kinds",
    "steps:\n  - name: both\n    call: again\n    control: reset\n",
    /^s\.yaml: step 1 \(both\): a step has exactly one of call, control or await_webhook \(this one has call and control\)/,
  ],
  [
    "a step of no kind",
    "steps:\n  - name: none\n    body: {}\n",
    /^s\.yaml: step 1 \(none\): a step has exactly one of call, control or await_webhook$/,
  ],
  ["a step that is not a map", "steps:\n  - again\n", /^s\.yaml: step 1: a step is a map/],
  ["a field of the wrong type", "steps:\n  - call: again\n    encoding: xml\n", /^s\.yaml: step 1: encoding: /],
  [
    "an unknown step field",
    "steps:\n  - call: again\n    bodyy: {}\n",
    /^s\.yaml: step 1: (\(step\): )?Unrecognized key: "bodyy"/,
  ],
  [
    "an unknown matcher",
    "steps:\n  - call: again\n    expect: { response: { status: { $regx: x } } }\n",
    /^s\.yaml: step 1: expect\.response\.status: unknown matcher \$regx; the matchers are/,
  ],
  [
    "a matcher with two keys",
    "steps:\n  - call: again\n    expect: { code: { $type: number, $range: {} } }\n",
    /^s\.yaml: step 1: expect\.code: a matcher is an object of exactly one \$ key/,
  ],
  [
    "a regular expression that does not compile",
    "steps:\n  - await_webhook: { match: { imp_uid: { $regex: '(' } } }\n",
    /^s\.yaml: step 1: await_webhook\.match\.imp_uid\.\$regex: not a valid regular expression/,
  ],
  [
    "a matcher's bad argument",
    "steps:\n  - call: again\n    expect: { code: { $type: float } }\n",
    /^s\.yaml: step 1: expect\.code\.\$type: /,
  ],
  [
    "a bad capture path",
    "steps:\n  - call: again\n    capture: { x: 'response..a' }\n",
    /^s\.yaml: step 1: capture\.x: a path like response\.imp_uid/,
  ],
  [
    "a bad variable name",
    "vars: { 1x: a }\nsteps: [{ call: allBankCodes }]\n",
    /^s\.yaml: vars\.1x: a variable name is letters/,
  ],
  [
    "a wait over two minutes",
    "steps:\n  - await_webhook: { match: {}, within_ms: 999999 }\n",
    /^s\.yaml: step 1: await_webhook\.within_ms: /,
  ],
  [
    "a variable used before it is set",
    "steps:\n  - call: getPaymentByImpUid\n    params: { imp_uid: '{{imp_uid}}' }\n  - call: allBankCodes\n    capture: { imp_uid: response }\n",
    /^s\.yaml: step 1: \{\{imp_uid\}\} is not defined before this point \(inputs, vars, or an earlier step's capture\)$/,
  ],
  [
    "a var using a later var",
    "vars: { a: '{{b}}', b: x }\nsteps: [{ call: allBankCodes }]\n",
    /^s\.yaml: vars\.a: \{\{b\}\} is not defined before this point/,
  ],
])("refused: %s", (_, text, message) => {
  const found = problems(text);
  expect(found.length).toBeGreaterThan(0);
  expect(found[0]).toMatch(message);
});

test("inputs, vars, built-ins and earlier captures may be used", () => {
  const text = `inputs: [channel_nice_v2]
vars: { order: "o{{$uid}}", due: "{{$now + 60}}" }
steps:
  - call: onetime
    body: { channel_key: "{{channel_nice_v2}}", merchant_uid: "{{order}}", notice_url: "{{$webhook_url}}" }
    capture: { imp_uid: response.imp_uid }
  - call: getPaymentByImpUid
    params: { imp_uid: "{{imp_uid}}" }
`;
  expect(problems(text)).toEqual([]);
});

test("folders are searched for .yaml and .yml files in order; every bad file is reported at once", (context) => {
  const dir = mkdtempSync(join(tmpdir(), "scenarios-"));
  context.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "b"));
  writeFileSync(join(dir, "b", "2.yml"), "steps: [{ call: nope }]\n");
  writeFileSync(join(dir, "1.yaml"), "steps: [{ call: allBankCodes }]\n");
  writeFileSync(join(dir, "notes.txt"), "not a scenario");
  writeFileSync(join(dir, "3.yaml"), "steps: []\n");
  const files = findScenarioFiles([dir]);
  expect(files.map((f) => f.slice(dir.length))).toEqual(["/1.yaml", "/3.yaml", "/b/2.yml"]);
  const error = (() => {
    try {
      loadScenarios(files);
    } catch (e) {
      return e;
    }
  })() as ScenarioFileError;
  expect(error).toBeInstanceOf(ScenarioFileError);
  expect(error.problems).toHaveLength(2);
  expect(error.message).toMatch(/^2 problems in scenario files:/);
  expect(() => findScenarioFiles([join(dir, "missing.yaml")])).toThrow(/missing\.yaml: no such file or folder/);
});
