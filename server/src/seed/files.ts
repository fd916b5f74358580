/**
 * Small but real files for the demo archive: a one-page PDF with text, and plain text. Generated as bytes so
 * the repository ships no binaries and the content matches each archive item.
 */

/** Escapes a string for a PDF literal string `( … )`. */
function pdfString(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\(/g, "\\(").replace(/\)/g, "\\)");
}

/** Keeps what WinAnsiEncoding (Latin-1 range) can show; other characters become `?`. */
function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
}

/** Breaks a paragraph into lines of at most `width` characters. */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A valid single-page A4 PDF 1.4 showing `title` and `paragraphs` in Helvetica (WinAnsi, so é and ë work).
 * Deterministic: no dates, no ids.
 */
export function makePdf(title: string, paragraphs: readonly string[]): Buffer {
  const ops: string[] = ["BT", "/F2 16 Tf", "56 780 Td", `(${pdfString(latin1(title))}) Tj`, "/F1 11 Tf", "0 -30 Td"];
  let lines = 0;
  for (const paragraph of paragraphs) {
    for (const line of wrap(latin1(paragraph), 90)) {
      if (lines++ > 55) break;
      ops.push(`(${pdfString(line)}) Tj`, "0 -15 Td");
    }
    ops.push("0 -8 Td");
  }
  ops.push("ET");
  const stream = ops.join("\n");

  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " +
      "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
  ];
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** UTF-8 text with CRLF line ends, as a Windows user at a school would send it. */
export function makeText(lines: readonly string[]): Buffer {
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}
