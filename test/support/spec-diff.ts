/**
 * Compares the operation table with the official document's facts and lists every difference:
 * parameters and response fields that are missing or extra, and disagreements on location,
 * type, required flag, maxLength, enum and default.
 */
import * as z from "zod";
import type { DefinitionFacts, FieldFacts, SpecFacts } from "../../contracts/facts/types.ts";
import { officialOperationId, operations, type Operation, type OperationKey } from "../../contracts/operations.ts";

export interface SpecDifference {
  /** Table key of the operation, or `definition` for a response definition. */
  operation: string;
  /** `body.sender.name`, `query.sorting`, `PaymentAnnotation.status`, … */
  where: string;
  kind: "operation" | "missing" | "extra" | "required" | "type" | "maxLength" | "enum" | "default" | "response";
  upstream?: unknown;
  ours?: unknown;
}

type JsonSchema = {
  type?: string | string[];
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  maxLength?: number;
  enum?: unknown[];
  default?: unknown;
  $defs?: Record<string, JsonSchema>;
  id?: string;
};

function toJson(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
}

/** Resolves `$ref`s and strips `null` from unions, reporting whether null was allowed. */
function resolve(node: JsonSchema, root: JsonSchema): { node: JsonSchema; nullable: boolean } {
  let current = node;
  let nullable = false;
  for (let i = 0; i < 10; i++) {
    if (current.$ref) {
      const name = current.$ref.split("/").pop()!;
      current = { ...root.$defs?.[name], id: name };
      continue;
    }
    const variants = current.anyOf ?? current.oneOf;
    if (variants) {
      const nonNull = variants.filter((v) => v.type !== "null");
      if (nonNull.length < variants.length) nullable = true;
      if (nonNull.length === 1) {
        current = nonNull[0]!;
        continue;
      }
    }
    if (Array.isArray(current.type) && current.type.includes("null")) {
      nullable = true;
      const types = current.type.filter((t) => t !== "null");
      current = { ...current, type: types.length === 1 ? types[0] : types };
    }
    return { node: current, nullable };
  }
  return { node: current, nullable };
}

function typeOf(node: JsonSchema): string {
  if (node.anyOf || node.oneOf) return "union";
  if (Array.isArray(node.type)) return node.type.join("|");
  if (node.enum && !node.type) return "string";
  return node.type ?? "any";
}

function upstreamType(field: FieldFacts, facts: SpecFacts): string {
  if (field.ref) return facts.definitions[field.ref] ? "object" : "any";
  return field.type ?? "any";
}

function fieldsOfUpstream(field: FieldFacts, facts: SpecFacts): Record<string, FieldFacts> | undefined {
  if (field.ref) return facts.definitions[field.ref]?.properties;
  return field.properties;
}

function requiredOfUpstream(field: FieldFacts, facts: SpecFacts): string[] {
  if (field.ref) return facts.definitions[field.ref]?.required ?? [];
  return field.requiredProperties ?? [];
}

/** Compares one upstream field with ours, recursing into objects and array items. */
function compareField(
  out: SpecDifference[],
  operation: string,
  where: string,
  upstream: FieldFacts,
  upstreamRequired: boolean,
  ours: JsonSchema,
  oursRequired: boolean,
  root: JsonSchema,
  facts: SpecFacts,
  isResponse: boolean,
) {
  const { node, nullable } = resolve(ours, root);
  const diff = (kind: SpecDifference["kind"], up: unknown, our: unknown) =>
    out.push({ operation, where, kind, upstream: up, ours: our });

  // In a request, "required" means the caller must send it; in a response, that it is never null.
  const ourRequired = isResponse ? oursRequired && !nullable : oursRequired && node.default === undefined;
  if (upstreamRequired !== ourRequired && !(isResponse && !upstreamRequired))
    diff("required", upstreamRequired, ourRequired);

  const upType = upstreamType(upstream, facts);
  const ourType = typeOf(node);
  if (upType !== ourType && !(upType === "integer" && ourType === "integer")) diff("type", upType, ourType);
  if (upstream.maxLength !== node.maxLength) diff("maxLength", upstream.maxLength, node.maxLength);
  const upEnum = upstream.enum ? [...upstream.enum].sort() : undefined;
  const ourEnum = node.enum ? node.enum.map(String).sort() : undefined;
  if (JSON.stringify(upEnum) !== JSON.stringify(ourEnum)) diff("enum", upEnum, ourEnum);
  if (!isResponse && upstream.default !== undefined && upstream.default !== node.default)
    diff("default", upstream.default, node.default);

  // A field that refers to a definition is compared there, once; here only the name must agree.
  const upRef = upstream.ref ?? upstream.items?.ref;
  if (upRef) {
    const ourTarget = upstream.items && node.items ? resolve(node.items, root).node : node;
    if (ourTarget.id !== upRef) diff("type", `ref ${upRef}`, ourTarget.id ? `ref ${ourTarget.id}` : "inline");
    return;
  }
  if (upType === "array" && ourType === "array" && upstream.items && node.items) {
    compareField(out, operation, `${where}[]`, upstream.items, true, node.items, true, root, facts, isResponse);
    return;
  }
  const upFields = fieldsOfUpstream(upstream, facts);
  if (upFields && node.properties) {
    compareObject(out, operation, where, upFields, requiredOfUpstream(upstream, facts), node, root, facts, isResponse);
  }
}

function compareObject(
  out: SpecDifference[],
  operation: string,
  prefix: string,
  upstream: Record<string, FieldFacts>,
  upstreamRequired: string[],
  ours: JsonSchema,
  root: JsonSchema,
  facts: SpecFacts,
  isResponse: boolean,
) {
  const ourProps = ours.properties ?? {};
  const ourRequired = new Set(ours.required ?? []);
  for (const [name, field] of Object.entries(upstream)) {
    const where = prefix ? `${prefix}.${name}` : name;
    const mine = ourProps[name];
    if (!mine) {
      out.push({ operation, where, kind: "missing" });
      continue;
    }
    compareField(
      out,
      operation,
      where,
      field,
      upstreamRequired.includes(name),
      mine,
      ourRequired.has(name),
      root,
      facts,
      isResponse,
    );
  }
  for (const name of Object.keys(ourProps)) {
    if (!(name in upstream)) out.push({ operation, where: prefix ? `${prefix}.${name}` : name, kind: "extra" });
  }
}

/** The wire name of a query parameter as our decoder sees it: `imp_uid[]` → `imp_uid`. */
function decodedName(name: string): string[] {
  return name
    .replace(/\[\]$/, "")
    .split(/\[|\]\[|\]/)
    .filter(Boolean);
}

function compareOperation(out: SpecDifference[], key: OperationKey, facts: SpecFacts) {
  const operation: Operation = operations[key];
  const upstream = facts.operations.find((o) => o.path === operation.path && o.method === operation.method);
  if (!upstream) {
    out.push({ operation: key, where: `${operation.method.toUpperCase()} ${operation.path}`, kind: "operation" });
    return;
  }
  if (upstream.operationId !== officialOperationId(key)) {
    out.push({
      operation: key,
      where: "operationId",
      kind: "operation",
      upstream: upstream.operationId,
      ours: officialOperationId(key),
    });
  }

  const locations = { path: operation.params, query: operation.query, formData: operation.body } as const;
  const prefixes = { path: "path", query: "query", formData: "body" } as const;
  for (const location of ["path", "query", "formData"] as const) {
    const params = upstream.parameters.filter((p) => p.in === location);
    const schema = locations[location];
    const json: JsonSchema = schema ? toJson(schema, "input") : { properties: {} };
    const top = resolve(json, json).node;
    // Nested query parameters (`extra[requester]`) become one object field upstream-side too.
    const upstreamFields: Record<string, FieldFacts> = {};
    const upstreamRequired: string[] = [];
    for (const p of params) {
      const [head, ...rest] = decodedName(p.name);
      if (!head) continue;
      if (rest.length === 0) {
        upstreamFields[head] = p;
        if (p.required) upstreamRequired.push(head);
      } else {
        const parent = (upstreamFields[head] ??= { type: "object", properties: {} });
        parent.properties![rest.join(".")] = p;
      }
    }
    compareObject(out, key, prefixes[location], upstreamFields, upstreamRequired, top, json, facts, false);
  }

  const ok = upstream.responses["200"];
  const envelopeDef = ok && ok !== "inline" ? facts.definitions[ok] : undefined;
  const upstreamResponse = envelopeDef?.properties.response;
  const ourResponse = toJson(operation.response, "output");
  const ourId = resolve(ourResponse, ourResponse).node;
  const ourName = ourId.id ?? (ourId.items ? `${resolve(ourId.items, ourResponse).node.id}[]` : "inline");
  const upName = upstreamResponse?.ref ?? (upstreamResponse?.items?.ref ? `${upstreamResponse.items.ref}[]` : "inline");
  if (ourName !== upName)
    out.push({ operation: key, where: "response", kind: "response", upstream: upName, ours: ourName });
}

/** Our component schemas by id, compared with the upstream definitions of the same name. */
function compareDefinitions(out: SpecDifference[], facts: SpecFacts) {
  const seen = new Map<string, { schema: JsonSchema; isResponse: boolean }>();
  for (const operation of Object.values(operations) as Operation[]) {
    for (const [schema, io] of [
      [operation.response, "output"],
      [operation.body, "input"],
    ] as const) {
      if (!schema) continue;
      const json = toJson(schema, io);
      const found: [string, JsonSchema][] = Object.entries(json.$defs ?? {});
      const id = (schema.meta() as { id?: string } | undefined)?.id;
      if (id) found.push([id, resolve(json, json).node]);
      for (const [name, def] of found) {
        if (!seen.has(name)) seen.set(name, { schema: { ...def, $defs: json.$defs }, isResponse: io === "output" });
      }
    }
  }
  for (const [name, { schema, isResponse }] of [...seen.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const upstream: DefinitionFacts | undefined = facts.definitions[name];
    if (!upstream) continue; // request bodies we name ourselves (e.g. AgainPaymentRequest)
    compareObject(out, "definition", name, upstream.properties, upstream.required, schema, schema, facts, isResponse);
  }
}

export function specDifferences(facts: SpecFacts): SpecDifference[] {
  const out: SpecDifference[] = [];
  for (const key of Object.keys(operations) as OperationKey[]) compareOperation(out, key, facts);
  compareDefinitions(out, facts);
  return out;
}
