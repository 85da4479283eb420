import * as z from "zod";

/** Every iamport time is unix seconds. */
export const unixSeconds = z.number().int();

/** Amounts are numbers on the wire (KRW integers in practice, decimals for foreign currencies). */
export const amount = z.number();

/**
 * A webhook target: the official document types it as a string on most operations and as an
 * array on POST /vbanks; the real service takes either everywhere (docs/domain.md §5).
 */
export const noticeUrl = z.union([z.string(), z.array(z.string())]);

export const paymentSorting = z.enum(["-started", "started", "-paid", "paid", "-updated", "updated"]);

export const productType = z.enum(["real", "digital"]);

export const scheduleStatus = z.enum(["scheduled", "executed", "revoked"]);

/**
 * A card's expiry as the official document writes it ("카드 유효기간(YYYY-MM)", with a warning to
 * mind the form): another form (`12/30`, `203012`) is bad input, refused naming the field.
 */
export const cardExpiry = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM (for example 2030-12)");

/** Fields that describe the card on keyed (onetime) payments and API billing-key issue. */
export const cardInput = {
  card_number: z.string(),
  expiry: cardExpiry,
  birth: z.string().optional(),
  pwd_2digit: z.string().optional(),
  cvc: z.string().optional(),
};
