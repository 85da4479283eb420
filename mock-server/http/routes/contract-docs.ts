/**
 * The contracts, served by the mock itself next to the control API: `GET /__mock/openapi.json` is the
 * generated document (contracts/openapi.json) as it is, and `GET /__mock/docs` an API reference drawn
 * from it by Swagger UI. The page's script and styles are swagger-ui-dist's files, served from here
 * too, so the page loads nothing from another origin. Its "Try it out" goes to the mock: the page lists
 * the mock's origin first among the document's servers.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";
import { CONTROL_PREFIX } from "../../../contracts/mock/control.ts";
import type { MockEnv } from "../env.ts";

const OPENAPI_PATH = `${CONTROL_PREFIX}/openapi.json`;
const DOCS_PATH = `${CONTROL_PREFIX}/docs`;

/** The files of swagger-ui-dist the page uses, and their types; nothing else of the package is served. */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>iamport mock: API reference</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script>
fetch(${JSON.stringify(OPENAPI_PATH)})
  .then((answer) => answer.json())
  .then((spec) => {
    spec.servers = [{ url: location.origin, description: "this mock" }, ...(spec.servers || [])];
    // validatorUrl: null keeps Swagger UI from sending the document to its online validator.
    window.ui = SwaggerUIBundle({ spec, dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
  });
</script>
</body>
</html>
`;

export function contractDocsRoutes(): Hono<MockEnv> {
  const app = new Hono<MockEnv>();
  app.get(OPENAPI_PATH, async (c) =>
    c.body(await readFile(openApiFile(), "utf8"), 200, { "content-type": "application/json; charset=UTF-8" }),
  );
  app.get(DOCS_PATH, (c) => c.html(PAGE));
  app.get(`${DOCS_PATH}/:file`, async (c, next) => {
    const file = c.req.param("file");
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    // Anything else falls through to the mock's 404 in the envelope.
    if (type === undefined) return next();
    const body = await readFile(join(swaggerUiDist(), file));
    return c.body(body, 200, { "content-type": type, "cache-control": "public, max-age=3600" });
  });
  return app;
}

/**
 * contracts/openapi.json in the first folder above this module that has it: the repository's in the
 * sources, dist/'s (scripts/build.ts copies it) from dist/mock-server/http/routes/ and from the
 * bundled CLI in dist/cli/ alike.
 */
function openApiFile(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const file = join(dir, "contracts", "openapi.json");
    if (existsSync(file) || dirname(dir) === dir) return file;
  }
}

/** Where swagger-ui-dist is installed, found only when a page asks for its files. */
function swaggerUiDist(): string {
  return dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
}
