/** Writing a scenario file (a recording, a property counterexample): the file, its folders, and the editor modeline's path to the schema. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const REPO_ROOT = resolve(import.meta.dirname, "../..");
const SCHEMA = join(REPO_ROOT, "scenarios", "scenario.schema.json");

export function writeScenarioFile(out: string, text: string): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
}

/**
 * The modeline's path to scenarios/scenario.schema.json, relative to the file, when the file is in
 * this repository (from elsewhere a relative path would point nowhere stable).
 */
export function schemaRefFor(out: string): string | undefined {
  const file = resolve(out);
  if (!file.startsWith(REPO_ROOT + sep)) return undefined;
  const path = relative(dirname(file), SCHEMA).split(sep).join("/");
  return path.startsWith(".") ? path : `./${path}`;
}
