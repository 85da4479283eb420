import * as z from "zod";

/**
 * Every iamport answer, success or failure, is this envelope. `code: 0` is success; an HTTP 200
 * with `code != 0` is a business failure whose reason is in `message`.
 */
export function envelope<T extends z.ZodType>(response: T) {
  return z.object({
    code: z.number().int(),
    message: z.string().nullable(),
    response: response.nullable(),
  });
}

/** The body of every refusal (4xx, and 200 with `code != 0`). */
export const ErrorEnvelope = z
  .object({
    code: z.number().int(),
    message: z.string(),
    response: z.null(),
  })
  .meta({ id: "ErrorEnvelope" });
