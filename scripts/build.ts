/**
 * `npm run build` (and `npm pack`, through `prepack`): the published package's dist/. tsc writes the
 * JavaScript and the declarations, laid out as the sources are (tsconfig.build.json), so a file the
 * code reads at run time relative to its own module is found at the same relative place; those files,
 * and the declarations tsc does not copy, are copied here.
 *
 * Contributors never need it: `npm start` and `npm test` run the sources through tsx.
 */
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
export const DIST = join(ROOT, "dist");

/** Read or referenced at run time next to the compiled modules; tsc emits neither. */
export const COPIED = [
  // Served as GET /__mock/openapi.json (mock-server/http/routes/contract-docs.ts).
  "contracts/openapi.json",
  // client/index.d.ts re-exports its types.
  "client/generated/iamport-v1.d.ts",
];

export function build(): void {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit", cwd: ROOT });
  for (const file of COPIED) cpSync(join(ROOT, file), join(DIST, file));
}

if (process.argv[1] === import.meta.filename) build();
