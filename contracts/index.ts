export * from "./envelope.ts";
export * from "./operations.ts";
export * as schemas from "./schemas/index.ts";
export * from "./reference-codes.ts";
