/**
 * Single-line text from people: names, titles, subjects, reasons. Control characters (CR/LF, tab, NUL, DEL, the
 * C1 range) and Unicode line/paragraph separators are refused, never stripped silently: a name with a line break
 * ends up in mail subjects and headers (header injection) and in one-line layouts. Multi-line fields (news and
 * chat bodies, summaries) do not use this.
 */
import { z } from "zod";

/** Characters a single-line field may not contain. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The zod refinement shared by every single-line field; the message is the stable field code. */
export function noControlCharacters<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine((value) => !CONTROL_CHARACTERS_RE.test(value), { message: "control_characters" }) as unknown as T;
}

/** Required single-line text: trimmed, not empty, at most `max` characters, no control characters. */
export function singleLine(max: number) {
  return noControlCharacters(z.string().trim().min(1, { message: "required" }).max(max, { message: "too_long" }));
}
