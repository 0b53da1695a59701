/**
 * CSV injection: a spreadsheet runs a cell that begins with =, +, -, @, a tab or a carriage
 * return as a formula. As OWASP advises, export puts a single quote in front of such a cell,
 * which the spreadsheet takes as "this is text". Import takes exactly that quote away again,
 * so our own export reads back as it was, "-Sale-" included.
 *
 * The quote is ours only before a formula character, perhaps after quotes of the text's own:
 * a cell "'=1+1" (someone's real text) is written "''=1+1" and reads back "'=1+1". A quote in
 * front of anything else ("'Tis the Season") is the text's own and is never added or removed.
 * So in a file a person wrote, a quote before a formula character is read the way a
 * spreadsheet reads it, as the text mark, and dropped: "'=1+1" imports as "=1+1".
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const MARKED = /^'+[=+\-@\t\r]/;

export function toSpreadsheetCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function fromSpreadsheetCell(cell: string): string {
  return MARKED.test(cell) ? cell.slice(1) : cell;
}
