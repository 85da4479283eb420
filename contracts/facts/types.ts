/**
 * The shape of `iamport-v1.facts.json`: the structural facts of the official V1 document,
 * extracted by `scripts/extract-facts.ts`. Prose is never part of it.
 */

/** One PG's annotation on an operation, parameter or field (`x-portone-per-pg`). */
export interface PerPgNote {
  /** The annotation says `required: true`. */
  required?: true;
  /** The annotation carries a prose note (not kept here; read the official document). */
  noted?: true;
  /** Keys other than `required` and `description`, e.g. upstream typos such as `requiqred`. */
  otherKeys?: string[];
  /** The annotation is not an object (upstream stored a string). */
  malformed?: true;
}
export type PerPgFacts = Record<string, PerPgNote>;

export interface FieldFacts {
  type?: string;
  format?: string;
  ref?: string;
  maxLength?: number;
  enum?: string[];
  /** Keys of `x-portone-enum`: values the document names for an un-enumerated string. */
  documentedValues?: string[];
  default?: unknown;
  deprecated?: true;
  items?: FieldFacts;
  properties?: Record<string, FieldFacts>;
  requiredProperties?: string[];
  perPg?: PerPgFacts;
  supportedPgs?: string[];
}

export interface ParameterFacts extends FieldFacts {
  name: string;
  in: string;
  required: boolean;
  collectionFormat?: string;
}

export interface DefinitionFacts {
  /** Definitions merged in through `allOf`. */
  includes?: string[];
  required: string[];
  properties: Record<string, FieldFacts>;
  perPg?: PerPgFacts;
}

export interface OperationFacts {
  operationId: string;
  method: string;
  path: string;
  consumes: string[];
  supportedPgs?: string[];
  perPg?: PerPgFacts;
  parameters: ParameterFacts[];
  /** Status → definition name, `inline` for an inline schema, null for none. */
  responses: Record<string, string | null>;
  inlineResponses?: Record<string, DefinitionFacts>;
}

export interface SpecFacts {
  swagger: string;
  host: string;
  operations: OperationFacts[];
  definitions: Record<string, DefinitionFacts>;
}
