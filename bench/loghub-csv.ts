// Reads a Loghub `<Name>_2k.log_structured.csv` (RFC 4180: quoted fields may hold commas,
// doubled quotes and newlines) into its Content and EventId columns.

export interface LabelledMessage {
  content: string;
  eventId: string;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The labelled messages of one structured CSV; throws with the file's problem when a column is missing. */
export function labelledMessages(text: string, file: string): LabelledMessage[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows[0] ?? [];
  const content = header.indexOf('Content');
  const eventId = header.indexOf('EventId');
  if (content < 0 || eventId < 0) throw new Error(`${file}: no Content or EventId column in the header (${header.join(',')})`);
  const out: LabelledMessage[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (r.length === 1 && r[0] === '') continue;
    if (r.length !== header.length) throw new Error(`${file}: row ${i + 1} has ${r.length} fields, the header ${header.length}`);
    out.push({ content: r[content], eventId: r[eventId] });
  }
  return out;
}
