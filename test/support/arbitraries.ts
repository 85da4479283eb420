/**
 * fast-check arbitraries for valid requests, read off the operations' zod schemas so they follow
 * the contracts as those change.
 */
import fc from "fast-check";
import * as z from "zod";
import { unwrapSchema } from "../../contracts/unwrap.ts";

// Characters that stress form encoding: separators, brackets, percent signs, Hangul, spaces.
const unit = fc.constantFrom(..."aZ09 -_.&=[]%+?#/가나다한글".split(""));

/** The inner schema, and whether the field may be left out (absent passes validation). */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  return { inner: unwrapSchema(schema), optional: schema.safeParse(undefined).success };
}

export function arbitraryFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const required = Object.keys(shape).filter((k) => !unwrap(shape[k]!).optional);
    const record = fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbitraryFor(v)])), {
      requiredKeys: required,
    });
    // A form body cannot carry an empty object, so valid requests here never hold one.
    return record.filter((value) => Object.keys(value).length > 0);
  }
  if (inner instanceof z.ZodArray)
    return fc.array(arbitraryFor(inner.element as z.ZodType), { minLength: 1, maxLength: 3 });
  if (inner instanceof z.ZodEnum) return fc.constantFrom(...(inner.options as string[]));
  if (inner instanceof z.ZodUnion) {
    // The decoder turns a union with an array branch into that array, and keeps form values of a
    // union that admits a string as strings (decode-request.ts): generate what decodes unchanged.
    const options = (inner.options as z.ZodType[]).map((o) => unwrap(o).inner);
    const array = options.find((o) => o instanceof z.ZodArray);
    if (array) return arbitraryFor(array);
    return fc.oneof(...options.filter((o) => o instanceof z.ZodString).map(arbitraryFor));
  }
  if (inner instanceof z.ZodString) {
    // A string with a pattern (a card's expiry) is generated to match it.
    const checks = (inner.def.checks ?? []) as { _zod: { def: { pattern?: RegExp } } }[];
    const pattern = checks.map((check) => check._zod.def.pattern).find((p) => p !== undefined);
    return pattern ? fc.stringMatching(pattern) : fc.string({ unit, maxLength: inner.maxLength ?? 30 });
  }
  if (inner instanceof z.ZodNumber) {
    return inner.format === "safeint"
      ? fc.integer({ min: -1_000_000, max: 2_000_000_000 })
      : fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((n) => (Object.is(n, -0) ? 0 : n));
  }
  if (inner instanceof z.ZodBoolean) return fc.boolean();
  throw new Error(`no arbitrary for ${inner.constructor.name}`);
}

/** Whether a schema holds an array of objects (form bodies must then index: a[0][b]=…). */
export function hasArrayOfObjects(schema: z.ZodType): boolean {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodArray)
    return (
      unwrap(inner.element as z.ZodType).inner instanceof z.ZodObject || hasArrayOfObjects(inner.element as z.ZodType)
    );
  if (inner instanceof z.ZodObject)
    return Object.values(inner.shape as Record<string, z.ZodType>).some(hasArrayOfObjects);
  return false;
}
