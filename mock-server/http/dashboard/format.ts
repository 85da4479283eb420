/** How the dashboard writes times and amounts: Korean time, as merchants read their console, and whole won. */

const KST_OFFSET_SECONDS = 9 * 3600;

/** `2026-01-01 09:00:00` in Korean time; "—" for none. */
export function kst(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || seconds === 0) return "—";
  return new Date((seconds + KST_OFFSET_SECONDS) * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/** `12,000` (no locale data needed: the same on every machine). */
export function won(amount: number): string {
  const [whole, fraction] = String(amount).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** `in 10 min`, `2 h ago`: a moment relative to the clock's now. */
export function relative(seconds: number, now: number): string {
  const delta = seconds - now;
  const size = Math.abs(delta);
  const text =
    size < 60
      ? `${size} s`
      : size < 3600
        ? `${Math.round(size / 60)} min`
        : size < 86_400
          ? `${Math.round(size / 360) / 10} h`
          : `${Math.round(size / 8640) / 10} d`;
  return delta === 0 ? "now" : delta > 0 ? `in ${text}` : `${text} ago`;
}

/** `62.5 %`. */
export const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;
