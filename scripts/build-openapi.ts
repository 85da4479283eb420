/**
 * Builds the OpenAPI 3.1 document from the operation table. Every operation gets both request
 * content types, the `{code, message, response}` envelope, and the refusals it can answer with.
 */
import * as z from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { envelope, ErrorEnvelope } from "../contracts/envelope.ts";
import { operations, type Operation } from "../contracts/operations.ts";
import { unwrapSchema } from "../contracts/unwrap.ts";

const REQUEST_CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded"] as const;

/**
 * Query and path parameters as they travel: arrays as `name[]=a&name[]=b` and objects as
 * `name[key]=v`, the bracket notation iamport's own clients use.
 */
function parameters(location: "path" | "query", shape: z.ZodObject | undefined): z.ZodType[] {
  if (!shape) return [];
  return Object.entries(shape.shape).map(([name, field]) => {
    const schema = field as z.ZodType;
    const inner = unwrapSchema(schema);
    if (location === "path") return schema.meta({ param: { in: "path", name, required: true } });
    if (inner instanceof z.ZodArray) {
      return schema.meta({ param: { in: "query", name: `${name}[]`, style: "form", explode: true } });
    }
    if (inner instanceof z.ZodObject) {
      return schema.meta({ param: { in: "query", name, style: "deepObject", explode: true } });
    }
    return schema.meta({ param: { in: "query", name } });
  });
}

const refusal = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

function operationObject(key: string, operation: Operation): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject["responses"] = {
    "200": {
      description: "The envelope; `code: 0` is success, any other code a business failure",
      content: { "application/json": { schema: envelope(operation.response) } },
    },
  };
  if (operation.params || operation.query || operation.body)
    responses["400"] = refusal("A parameter is missing or invalid");
  if (operation.auth || key === "getToken")
    responses["401"] = refusal("The token, or imp_key and imp_secret, were refused");
  if (operation.params) responses["404"] = refusal("Nothing was found for the path's identifier");

  return {
    operationId: key,
    summary: operation.summary,
    tags: [operation.resource],
    ...(operation.auth ? { security: [{ accessToken: [] }] } : { security: [] }),
    parameters: [...parameters("path", operation.params), ...parameters("query", operation.query)],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(REQUEST_CONTENT_TYPES.map((type) => [type, { schema: operation.body }])),
          },
        }
      : {}),
    responses,
  } as ZodOpenApiOperationObject;
}

export function buildOpenApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const [key, operation] of Object.entries(operations) as [string, Operation][]) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(key, operation) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "iamport (PortOne V1) REST API, as served by iamport-mock",
      version: "1.0.0",
      description:
        "Generated from the project's zod contracts. Every body may be sent as JSON or as form-urlencoded " +
        "with bracket notation. Every answer is the envelope {code, message, response}.",
    },
    servers: [{ url: "https://api.iamport.kr", description: "The real service" }],
    components: {
      securitySchemes: {
        accessToken: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description: "The access token from POST /users/getToken, bare or as `Bearer <token>`",
        },
      },
    },
    paths,
  });
}
