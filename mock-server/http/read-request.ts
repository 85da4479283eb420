/**
 * Reading a request's query and body into plain objects, shaped by the schema, for both the
 * operation routes and the control API. Failures are thrown as the envelope's 400 or 413.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { failure, MockError } from "../core/errors.ts";
import { decodeBody, decodeQuery } from "./decode-request.ts";
import type { MockEnv } from "./env.ts";
import { tooLarge } from "./render-failure.ts";

/** The query string without building a URL object (this runs on every request). */
export function readQuery(
  c: Context<MockEnv>,
  schema: z.ZodType | undefined,
  unknownFields?: string[],
): Record<string, unknown> {
  const url = c.req.url;
  const queryStart = url.indexOf("?");
  // No query string (nearly every call): nothing to decode, and nothing unknown to list.
  if (queryStart < 0) return {};
  return decodeQuery(url.slice(queryStart), schema, unknownFields);
}

/** `unknownFields` receives the fields the schema does not know, for the journal. */
export async function readBody(
  c: Context<MockEnv>,
  schema: z.ZodType,
  bodyLimit: number,
  unknownFields?: string[],
): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  // The declared Content-Length was checked in app.ts; a chunked body is only measured once read.
  if (text.length * 3 > bodyLimit && Buffer.byteLength(text) > bodyLimit) throw new MockError(tooLarge(bodyLimit));
  const decoded = decodeBody(c.req.header("content-type"), text, schema, { unknownFields });
  if (!decoded.ok) throw failure("invalidRequest", decoded.failure.message);
  return decoded.value;
}
