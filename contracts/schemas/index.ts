export * from "./common.ts";
export * from "./escrows.ts";
export * from "./payments.ts";
export * from "./receipts.ts";
export * from "./reference.ts";
export * from "./schedules.ts";
export * from "./subscribe.ts";
export * from "./vbanks.ts";
