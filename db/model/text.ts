/**
 * Text from data, made safe to show. Escaping stops markup; this stops the other trick: bidi
 * embedding/override/isolate controls that make "gnp.exe" read as "exe.png", and C0/C1 control
 * characters. Used by every surface that draws data (badges, the extension) — after any signature
 * check, since it changes the bytes.
 */

// Bidi embeddings/overrides/isolates and marks: data must not reorder the text around it.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// C0/C1 controls other than tab/newline.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export function stripUnsafeControls(text: string): string {
  return text.replace(BIDI, "").replace(CONTROL, "");
}

/** Every string inside `value` (objects, arrays) with unsafe controls removed; other values as they are. */
export function displaySafe<T>(value: T): T {
  if (typeof value === "string") return stripUnsafeControls(value) as T;
  if (Array.isArray(value)) return value.map((v) => displaySafe(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = displaySafe(v);
    return out as T;
  }
  return value;
}
