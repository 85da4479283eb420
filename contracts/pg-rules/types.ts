/**
 * The PG rule matrix: what each PG demands of each operation beyond the operation's own schema.
 * Rows are data; `mock-server/pg/` evaluates them. A new PG is new rows, not new code.
 */

/**
 * A field inside a request: `buyer_tel`, `sender.formed_address.address_line_1`, or
 * `schedules[].buyer_tel` for every element of an array.
 */
export type FieldPath = string;

/** Where a rule comes from, so a reader can check it. */
export type RuleSource =
  | { kind: "official"; at: string }
  | { kind: "seed"; document: string; section: string }
  | { kind: "guide"; page: string; section: string };

/** When a rule applies only to some payments. */
export type RuleCondition =
  /** The payment being acted on was made with one of these pay methods. */
  | { paymentPayMethodIn: string[] }
  /** A partial cancel of a payment that holds a tax-free amount. */
  | { partialCancelOfTaxFreePayment: true }
  /** The request itself asks for one of these pay methods (the browser checkout). */
  | { requestPayMethodIn: string[] }
  /** The request sends this field (e.g. `customer_uid`: the browser's billing-key window). */
  | { requestHas: FieldPath };

/** Every date form a `vbank_due` may take (the smart-routing guide's list). `unix` is unix seconds. */
export const DATE_FORMATS = ["unix", "YYYY-MM-DD", "YYYYMMDD", "YYYY-MM-DD HH:mm:ss", "YYYYMMDDHHmmss"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export type Rule =
  | { kind: "required"; field: FieldPath; when?: RuleCondition }
  | { kind: "pattern"; field: FieldPath; pattern: string; meaning: string }
  | { kind: "maxLength"; field: FieldPath; max: number }
  | { kind: "allowedValues"; field: FieldPath; values: string[]; whenAbsent: string }
  | { kind: "dateFormat"; field: FieldPath; formats: DateFormat[] }
  | { kind: "forbidden"; fields: FieldPath[]; meaning: string }
  | { kind: "unsupported"; meaning: string };

export type SourcedRule = Rule & { source: RuleSource };

/** One (pg_provider, operation) row. `operation` is the official operationId. */
export interface RuleRow {
  pg: string;
  operation: string;
  rules: SourcedRule[];
}

/** A derived rule the overlay takes away, with the reason. Globs end in `.*`. */
export interface RuleExclusion {
  pg: string;
  operation: string;
  fields: FieldPath[];
  source: RuleSource;
}

/** What `derive.ts` produces from the official facts; committed as `derived.generated.json`. */
export interface DerivedMatrix {
  /** Every PG code the official document names, after alias normalisation. */
  pgCodes: string[];
  /** Official operationId → the PGs that support it, where the document lists them. */
  support: Record<string, string[]>;
  rows: RuleRow[];
}
