/**
 * What XML 1.0 does not allow in a document (its Char production: control characters other
 * than tab, line feed and carriage return, U+FFFE/U+FFFF, half a surrogate pair), and the
 * control characters it allows but discourages (DEL and U+0080–U+009F), which a voice would
 * only stumble over. The store refuses all of them in every text field, but a hand-edited
 * data file can still hold one, and twilio's VoiceResponse writes attribute values without
 * checking them: one such character in a product keyword would make every <Gather> (which
 * carries the speech hints) malformed, so Twilio could play no call at all.
 */
const NOT_XML_TEXT = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NOT_XML_TEXT_ALL = new RegExp(NOT_XML_TEXT.source, 'gu');

/** The text without those characters (most texts have none: one scan, no copy). */
export function xmlSafe(text: string): string {
  return NOT_XML_TEXT.test(text) ? text.replace(NOT_XML_TEXT_ALL, '') : text;
}
