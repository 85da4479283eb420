/** Generated files are committed; this fails when one differs from what `npm run generate` writes. */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { generatedFiles } from "../scripts/generate.ts";

const files = await generatedFiles();

test.each(Object.keys(files))("%s is fresh (run `npm run generate` if not)", (path) => {
  const committed = readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
  expect(committed === files[path], `${path} is stale: run npm run generate`).toBe(true);
});
