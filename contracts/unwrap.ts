import * as z from "zod";

/**
 * The schema under the wrappers that do not change a value's shape on the wire (optional,
 * nullable, default, pipe): what the decoder, the OpenAPI builder and validation look at.
 */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}
