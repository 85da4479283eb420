/**
 * Per-operation types read from the generated OpenAPI types (client/generated), keyed like the
 * operation table: what `call("again", …)` takes and what its success holds.
 */
import type { operations } from "./generated/iamport-v1.d.ts";
import type { Encoding } from "./encode.ts";

export type OperationName = keyof operations;
type Op<K extends OperationName> = operations[K];

type PathOf<K extends OperationName> = NonNullable<Op<K>["parameters"]["path"]>;
type QueryOf<K extends OperationName> = NonNullable<Op<K>["parameters"]["query"]>;
type RequestBody<K extends OperationName> = NonNullable<Op<K>["requestBody"]>;
type BodyOf<K extends OperationName> = [RequestBody<K>] extends [never]
  ? never
  : RequestBody<K> extends { content: { "application/json": infer B } }
    ? B
    : never;

/** `Shape` when `T` exists, nothing otherwise: how a call's input gains `params`, `query` or `body`. */
export type IfPresent<T, Shape> = [T] extends [never] ? unknown : Shape;
type QueryPart<K extends OperationName> = IfPresent<QueryOf<K>, { query?: QueryOf<K> }>;
type BodyPart<K extends OperationName> = IfPresent<BodyOf<K>, { body: BodyOf<K>; encoding?: Encoding }>;

/** Path parameters, query and body of one operation; `encoding: "form"` sends the body form-encoded. */
export type CallInput<K extends OperationName> = IfPresent<PathOf<K>, { params: PathOf<K> }> &
  QueryPart<K> &
  BodyPart<K>;

/** Whether `call(K)` may be written without an input object. */
export type InputOptional<K extends OperationName> = [PathOf<K>] extends [never]
  ? [BodyOf<K>] extends [never]
    ? true
    : false
  : false;

/** The `response` member of the operation's success envelope. */
export type ResponseOf<K extends OperationName> = NonNullable<
  Op<K>["responses"][200]["content"]["application/json"]["response"]
>;

/** The untyped form of a call, for scenario files and recordings that name operations at run time. */
export interface RawCallInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
  encoding?: Encoding;
}
