import { expect, test } from "vitest";
import { extractFacts } from "./extract-facts.ts";

const doc = {
  swagger: "2.0",
  host: "api.example",
  paths: {
    "/things/{id}": {
      post: {
        operationId: "saveThing",
        summary: "prose that must not survive",
        description: "more prose",
        consumes: ["application/json"],
        "x-portone-supported-pgs": ["pg_a"],
        "x-portone-per-pg": { pg_a: { description: "a note" } },
        parameters: [
          { name: "id", in: "path", required: true, type: "string", description: "prose" },
          {
            name: "amount",
            in: "formData",
            required: false,
            type: "integer",
            maxLength: "8",
            default: "20",
            "x-portone-per-pg": {
              pg_a: { required: true },
              pg_B: { requiqred: true },
              pg_c: "a string where an object belongs",
            },
          },
          { name: "ids", in: "formData", type: "array", schema: { type: "string" } },
          { name: "box", in: "formData", required: true, type: "string", schema: { $ref: "#/definitions/Box" } },
        ],
        responses: { "200": { schema: { $ref: "#/definitions/ThingResponse" } }, "401": { description: "prose" } },
      },
    },
  },
  definitions: {
    Box: { required: ["w"], properties: { w: { type: "number", description: "prose", example: 3 } } },
    ThingResponse: {
      allOf: [{ $ref: "#/definitions/Envelope" }, { properties: { response: { $ref: "#/definitions/Box" } } }],
    },
    Envelope: { properties: { code: { type: "integer" } } },
  },
};

test("extracts structure, per-PG flags and typos, and drops every piece of prose", () => {
  const facts = extractFacts(doc);
  expect(facts.operations).toEqual([
    {
      operationId: "saveThing",
      method: "post",
      path: "/things/{id}",
      consumes: ["application/json"],
      supportedPgs: ["pg_a"],
      perPg: { pg_a: { noted: true } },
      parameters: [
        { name: "id", in: "path", required: true, type: "string" },
        {
          name: "amount",
          in: "formData",
          required: false,
          type: "integer",
          maxLength: 8,
          default: 20,
          perPg: { pg_a: { required: true }, pg_B: { otherKeys: ["requiqred"] }, pg_c: { malformed: true } },
        },
        { name: "ids", in: "formData", required: false, type: "array", items: { type: "string" } },
        { name: "box", in: "formData", required: true, ref: "Box" },
      ],
      responses: { "200": "ThingResponse", "401": null },
    },
  ]);
  expect(facts.definitions.ThingResponse).toEqual({
    includes: ["Envelope"],
    required: [],
    properties: { response: { ref: "Box" } },
  });
  expect(JSON.stringify(facts)).not.toMatch(/prose|a note|a string where/);
});
