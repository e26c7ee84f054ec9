/**
 * Typed results for checks whose failure is an operating condition (a bad proof, a forged note),
 * not a programmer error. Callers branch on `ok` and on the stable `reason` code, never on text.
 */
export type Verdict<Reason extends string> =
  { readonly ok: true } | { readonly ok: false; readonly reason: Reason; readonly detail?: string };

export type Outcome<Value, Reason extends string> =
  | { readonly ok: true; readonly value: Value }
  | { readonly ok: false; readonly reason: Reason; readonly detail?: string };

export const verdictOk: { readonly ok: true } = Object.freeze({ ok: true });

export function fail<Reason extends string>(
  reason: Reason,
  detail?: string,
): { readonly ok: false; readonly reason: Reason; readonly detail?: string } {
  // Leave `detail` off entirely when absent so results compare cleanly with toEqual.
  return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}

export function succeed<Value>(value: Value): { readonly ok: true; readonly value: Value } {
  return { ok: true, value };
}
