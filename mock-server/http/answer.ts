/**
 * The one way every route answers, operations and control calls alike: run the handler, check
 * what it returns against the operation's response schema (a mock bug becomes a 500 naming the
 * field, not a silent drift from the contract), and send it in the envelope; a failure goes
 * through the one failure table (render-failure.ts).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { failure, MockError } from "../core/errors.ts";
import type { MockEnv } from "./env.ts";
import { renderFailure, sendEnvelope } from "./render-failure.ts";
import { ASK_ZOD, quickParseOf } from "./response-check.ts";

/** A reply with a status other than 200 (GET /payments answers 207 when some identifiers were not found). */
export class Reply {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly response: unknown,
  ) {}
}

export async function answer(
  c: Context<MockEnv>,
  response: z.ZodType,
  checkResponses: boolean,
  handle: () => unknown,
): Promise<Response> {
  try {
    const result = await handle();
    const reply = result instanceof Reply ? result : new Reply(200, result);
    const body = checkResponses ? checkedResponse(response, reply.response) : reply.response;
    return sendEnvelope(c, reply.status, { code: 0, message: null, response: body });
  } catch (error) {
    if (error instanceof MockError) return renderFailure(c, error.failure);
    throw error;
  }
}

function checkedResponse(schema: z.ZodType, response: unknown): unknown {
  // Checked and copied as zod would, without zod's bookkeeping (response-check.ts); by zod where that cannot tell.
  const quick = quickParseOf(schema);
  if (quick) {
    const copied = quick(response);
    if (copied !== ASK_ZOD) return copied;
  }
  const parsed = schema.safeParse(response);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  throw failure(
    "serverError",
    `the mock built a response that breaks its own contract (a bug; please report it): ${problems}`,
  );
}
