/**
 * A recording as YAML text in the style of the shipped scenarios: a header comment, block style
 * for the scenario and its steps, flow style (`{ imp_uid: "{{imp_uid_1}}" }`) for short maps and
 * lists of plain values, and the notes of what was not replayed as comments where it happened.
 */
import { Document, isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import type { Scenario } from "../../contracts/scenarios.ts";

/** A recorded session as a scenario, with the comments that go between its steps. */
export interface Recording {
  scenario: Scenario;
  /** Comments to write before each step, by step index. */
  notesBefore: string[][];
  /** Comments after the last step. */
  notesAfter: string[];
}

export interface HeaderFacts {
  upstream: string;
  recordedAt: string;
  /** The JSON Schema relative to the file; the modeline is left out without it. */
  schemaRef?: string | undefined;
}

/** Longer flow collections are written in block style, one entry a line. */
const FLOW_WIDTH = 100;

export function renderRecordingYaml(recording: Recording, facts: HeaderFacts): string {
  const document = new Document(recording.scenario);
  document.commentBefore = headerLines(facts)
    .map((line) => ` ${line}`)
    .join("\n");
  const steps = document.get("steps") as YAMLSeq;
  steps.items.forEach((node, index) => {
    const notes = recording.notesBefore[index] ?? [];
    if (notes.length) (node as YAMLMap).commentBefore = notes.map((note) => ` ${note}`).join("\n");
  });
  if (recording.notesAfter.length) steps.comment = recording.notesAfter.map((note) => ` ${note}`).join("\n");
  useFlowForShortCollections(document.contents, new Set([document.contents, ...steps.items]));
  return document.toString({ lineWidth: 0 });
}

function headerLines({ upstream, recordedAt, schemaRef }: HeaderFacts): string[] {
  return [
    ...(schemaRef ? [`yaml-language-server: $schema=${schemaRef}`] : []),
    `Recorded from ${upstream} at ${recordedAt}, by iamport-mock record.`,
    "Not written: getToken (the runner's client gets its own token), headers (Authorization included), 401 answers.",
    "imp_key, imp_secret and access_token values are [redacted]; pwd_2digit, cvc and birth are masked with *;",
    "card numbers other than the mock's test cards keep only their first 6 and last 4 digits.",
    "Server-made values sent back later are captured ({{imp_uid_1}}); changing answer fields are expected by $type or $regex.",
    "Requests to paths of neither the API nor the control API are kept as comments where they happened, and not replayed.",
  ];
}

/**
 * Flow style for a collection of scalars (or of collections already in flow style) that fits on a
 * line; never for the scenario or its steps. Children first, so `{ imp_uid: { $regex: ^imp_ } }` can be one line.
 */
function useFlowForShortCollections(node: unknown, block: Set<unknown>): void {
  if (!isMap(node) && !isSeq(node)) return;
  const values: unknown[] = isMap(node) ? node.items.map((pair) => pair.value) : node.items;
  for (const value of values) useFlowForShortCollections(value, block);
  const flat = values.every((value) => isScalar(value) || ((isMap(value) || isSeq(value)) && value.flow === true));
  if (!block.has(node) && values.length > 0 && flat && JSON.stringify(node.toJSON()).length <= FLOW_WIDTH)
    node.flow = true;
}
