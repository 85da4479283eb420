/**
 * Reads the official iamport V1 Swagger 2.0 document and writes the structural facts we hold our
 * contracts to: paths, methods, parameters (name, location, type, required, maxLength, enum),
 * per-PG annotations (required flags; whether a note exists) and the definitions' field names.
 * No prose is kept: descriptions, summaries, names and examples are dropped, so the committed
 * facts file carries none of the upstream document's text.
 *
 *   npm run extract-facts -- <path to iamport-v1.openapi.json>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type {
  DefinitionFacts,
  FieldFacts,
  OperationFacts,
  ParameterFacts,
  PerPgFacts,
  SpecFacts,
} from "../contracts/facts/types.ts";

export const FACTS_FILE = fileURLToPath(new URL("../contracts/facts/iamport-v1.facts.json", import.meta.url));

type Json = Record<string, unknown>;
const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

function refName(ref: unknown): string | undefined {
  return typeof ref === "string" ? ref.split("/").pop() : undefined;
}

function perPgFacts(raw: unknown): PerPgFacts | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const out: PerPgFacts = {};
  for (const [pg, note] of Object.entries(raw as Json)) {
    if (typeof note !== "object" || note === null) {
      out[pg] = { malformed: true };
      continue;
    }
    const entry = note as Json;
    const keys = Object.keys(entry);
    // Upstream sometimes stores a string where an object belongs (it spreads into "0","1",…).
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
      out[pg] = { malformed: true };
      continue;
    }
    out[pg] = {
      ...(entry.required === true ? { required: true } : {}),
      ...("description" in entry ? { noted: true } : {}),
      ...(keys.some((k) => k !== "required" && k !== "description")
        ? { otherKeys: keys.filter((k) => k !== "required" && k !== "description").sort() }
        : {}),
    };
  }
  return out;
}

function scalarDefault(node: Json): unknown {
  const value = node.default;
  if (value === undefined) return undefined;
  const type = node.type;
  if (type === "integer" || type === "number") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  if (type === "boolean") return typeof value === "boolean" ? value : value === "true";
  // String defaults are kept only for enums; elsewhere upstream uses them as examples.
  if (Array.isArray(node.enum)) return value;
  return undefined;
}

function fieldFacts(node: Json): FieldFacts {
  const ref = refName(node.$ref);
  if (ref) return { ref };
  const facts: FieldFacts = {};
  if (typeof node.type === "string") facts.type = node.type;
  if (typeof node.format === "string") facts.format = node.format;
  if (node.maxLength !== undefined) facts.maxLength = Number(node.maxLength);
  if (Array.isArray(node.enum)) facts.enum = node.enum.map(String);
  if (Array.isArray(node["x-portone-enum"]) || (node["x-portone-enum"] && typeof node["x-portone-enum"] === "object")) {
    facts.documentedValues = Object.keys(node["x-portone-enum"] as Json).sort();
  }
  const dflt = scalarDefault(node);
  if (dflt !== undefined) facts.default = dflt;
  if (node.deprecated === true) facts.deprecated = true;
  if (node.items && typeof node.items === "object") facts.items = fieldFacts(node.items as Json);
  if (node.properties && typeof node.properties === "object") {
    facts.properties = propertiesFacts(node.properties as Json);
    if (Array.isArray(node.required)) facts.requiredProperties = [...(node.required as string[])];
  }
  const perPg = perPgFacts(node["x-portone-per-pg"]);
  if (perPg) facts.perPg = perPg;
  const supported = node["x-portone-supported-pgs"];
  if (Array.isArray(supported)) facts.supportedPgs = supported.map(String);
  return facts;
}

function propertiesFacts(props: Json): Record<string, FieldFacts> {
  const out: Record<string, FieldFacts> = {};
  for (const [name, node] of Object.entries(props)) out[name] = fieldFacts(node as Json);
  return out;
}

/** Flattens `allOf` (the envelope is `allOf: [ResponseAnnotation, {response: …}]`). */
function definitionFacts(node: Json): DefinitionFacts {
  const properties: Record<string, FieldFacts> = {};
  const required: string[] = [];
  const includes: string[] = [];
  const visit = (part: Json) => {
    const ref = refName(part.$ref);
    if (ref) includes.push(ref);
    if (Array.isArray(part.allOf)) for (const p of part.allOf) visit(p as Json);
    if (part.properties) Object.assign(properties, propertiesFacts(part.properties as Json));
    if (Array.isArray(part.required)) required.push(...(part.required as string[]));
  };
  visit(node);
  const perPg = perPgFacts(node["x-portone-per-pg"]);
  return {
    ...(includes.length ? { includes } : {}),
    required,
    properties,
    ...(perPg ? { perPg } : {}),
  };
}

function parameterFacts(node: Json): ParameterFacts {
  const own = fieldFacts({ ...node, $ref: undefined, schema: undefined });
  let merged: FieldFacts = own;
  if (node.schema) {
    const base = fieldFacts(node.schema as Json);
    // Upstream formData parameters that carry a `schema` also claim a `type`: an array claim
    // makes the schema its items (unschedule's merchant_uid); otherwise the schema wins.
    merged =
      node.type === "array" && !own.items
        ? { ...own, items: base }
        : { ...own, ...base, type: base.type ?? (base.ref ? undefined : own.type) };
  }
  if (merged.type === undefined) delete merged.type;
  return {
    name: String(node.name),
    in: String(node.in),
    required: node.required === true,
    ...merged,
    ...(typeof node.collectionFormat === "string" ? { collectionFormat: node.collectionFormat } : {}),
  };
}

export function extractFacts(doc: Json): SpecFacts {
  const operations: OperationFacts[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of HTTP_METHODS) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const responses: Record<string, string | null> = {};
      for (const [status, resp] of Object.entries((op.responses ?? {}) as Json)) {
        const schema = (resp as Json).schema as Json | undefined;
        responses[status] = schema ? (refName(schema.$ref) ?? "inline") : null;
      }
      const perPg = perPgFacts(op["x-portone-per-pg"]);
      // Upstream spells the key both `x-portone-supported-pgs` and `x-portone-supported_pgs`.
      const supported = op["x-portone-supported-pgs"] ?? op["x-portone-supported_pgs"];
      operations.push({
        operationId: String(op.operationId),
        method,
        path,
        consumes: Array.isArray(op.consumes) ? op.consumes.map(String) : [],
        ...(Array.isArray(supported) ? { supportedPgs: supported.map(String) } : {}),
        ...(perPg ? { perPg } : {}),
        parameters: ((op.parameters ?? []) as Json[]).map(parameterFacts),
        responses,
        inlineResponses: Object.fromEntries(
          Object.entries((op.responses ?? {}) as Json)
            .filter(([, r]) => (r as Json).schema && !refName(((r as Json).schema as Json).$ref))
            .map(([status, r]) => [status, definitionFacts((r as Json).schema as Json)]),
        ),
      });
    }
  }
  operations.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
  for (const op of operations) if (Object.keys(op.inlineResponses ?? {}).length === 0) delete op.inlineResponses;

  const definitions: Record<string, DefinitionFacts> = {};
  for (const name of Object.keys(doc.definitions as Json).sort()) {
    definitions[name] = definitionFacts((doc.definitions as Json)[name] as Json);
  }
  return { swagger: String(doc.swagger), host: String(doc.host), operations, definitions };
}

function main() {
  const source = process.argv[2];
  if (!source) {
    console.error("usage: npm run extract-facts -- <path to the official iamport-v1.openapi.json>");
    process.exit(2);
  }
  const facts = extractFacts(JSON.parse(readFileSync(source, "utf8")) as Json);
  writeFileSync(FACTS_FILE, JSON.stringify(facts, null, 2) + "\n");
  console.log(`wrote ${facts.operations.length} operations and ${Object.keys(facts.definitions).length} definitions`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
