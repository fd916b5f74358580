/**
 * Reading the opening periods a supervisor types for one day ("09:00-12:00, 13:00-16:00"), with the reason when
 * they cannot be used, so the field itself can say what is wrong (the server checks the same again).
 */

/** A period as the API takes it. */
export interface Period {
  from: string;
  to: string;
}

/** Why a day's text cannot be used; `detail` names the part to show. */
export type PeriodProblem =
  | { kind: "format"; detail: string }
  | { kind: "time"; detail: string }
  | { kind: "order"; from: string; to: string }
  | { kind: "overlap"; first: string; second: string };

const PART = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/;

const pad = (h: string, m: string) => `${h.padStart(2, "0")}:${m}`;
const validTime = (h: string, m: string) => Number(h) <= 23 && Number(m) <= 59;

/** The periods in `text` (empty text: closed all day), or the first problem found. */
export function readPeriods(text: string): { periods: Period[] } | { problem: PeriodProblem } {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  const periods: Period[] = [];
  for (const part of parts) {
    const m = PART.exec(part);
    if (!m) return { problem: { kind: "format", detail: part } };
    const [, fh, fm, th, tm] = m as unknown as [string, string, string, string, string];
    if (!validTime(fh, fm)) return { problem: { kind: "time", detail: `${fh}:${fm}` } };
    if (!validTime(th, tm) && !(th === "24" && tm === "00")) return { problem: { kind: "time", detail: `${th}:${tm}` } };
    const period = { from: pad(fh, fm), to: pad(th, tm) };
    if (period.from >= period.to) return { problem: { kind: "order", from: period.from, to: period.to } };
    periods.push(period);
  }
  periods.sort((a, b) => a.from.localeCompare(b.from));
  for (let i = 1; i < periods.length; i++) {
    const [a, b] = [periods[i - 1]!, periods[i]!];
    if (a.to > b.from) return { problem: { kind: "overlap", first: `${a.from}-${a.to}`, second: `${b.from}-${b.to}` } };
  }
  return { periods };
}
