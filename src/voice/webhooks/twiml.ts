import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { Settings } from '../../store/schemas.js';
import type { Decision } from '../calls/decision.js';
import { xmlSafe } from './xml-safe.js';

// Settings hold free text (validated by the store); Twilio's types list the known values.
type SayVoice = NonNullable<VoiceResponse.SayAttributes['voice']>;
type SayLanguage = NonNullable<VoiceResponse.SayAttributes['language']>;
type GatherLanguage = NonNullable<VoiceResponse.GatherAttributes['language']>;

export interface TwimlOptions {
  settings: Settings;
  /** Comma-separated speech hints for <Gather>. */
  hints: string;
  /** Absolute when PUBLIC_BASE_URL is set, else relative (Twilio resolves it against the request URL). */
  urlFor: (path: string) => string;
}

/**
 * A decision as TwiML, built only through the twilio library, which escapes every value.
 * Every text and attribute from the data goes through xmlSafe first: the library escapes
 * `<` and `&` but passes on characters XML forbids, and one of those breaks the document.
 */
export function decisionToTwiml(decision: Decision, options: TwimlOptions): string {
  const { settings } = options;
  const response = new twilio.twiml.VoiceResponse();
  const sayAttributes: VoiceResponse.SayAttributes = {
    voice: xmlSafe(settings.voice) as SayVoice,
    language: xmlSafe(settings.language) as SayLanguage,
  };
  const said = xmlSafe(spoken(decision.say));
  if (said) response.say(sayAttributes, said);

  const next = decision.next;
  if (next.kind === 'gather') {
    const hints = xmlSafe(options.hints);
    // Prompts go inside <Gather> so a caller who knows what they want can speak over them.
    const gather = response.gather({
      input: ['speech', 'dtmf'],
      action: xmlSafe(options.urlFor('/voice/gather')),
      method: 'POST',
      language: sayAttributes.language as GatherLanguage,
      // Twilio wants whole seconds with any speech model (the settings schema allows nothing else).
      speechModel: settings.speechModel,
      ...(settings.speechModel === 'phone_call' ? { enhanced: true } : {}),
      speechTimeout: String(settings.speechTimeout),
      ...(hints ? { hints } : {}),
      actionOnEmptyResult: true,
    });
    const prompt = xmlSafe(spoken(next.prompt));
    if (prompt) gather.say(sayAttributes, prompt);
  } else if (next.kind === 'dial') {
    const { target } = next;
    const dial = response.dial({ action: xmlSafe(options.urlFor('/voice/dial-status')), method: 'POST', timeout: settings.transferTimeout });
    if (target.sendDigits) dial.number({ sendDigits: xmlSafe(target.sendDigits) }, xmlSafe(target.number));
    else dial.number(xmlSafe(target.number));
  } else {
    response.hangup();
  }
  return response.toString();
}

/**
 * Lines spoken back to back become one <Say>: the caller hears the same sentences, and each
 * element costs the twilio library a whole XML document to build. A line without an end
 * mark gets a full stop, so two lines never run together.
 */
export function spoken(lines: readonly string[]): string {
  let text = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (text !== '') text += END_MARK.test(text) ? ' ' : '. ';
    text += line;
  }
  return text;
}

const END_MARK = /[.!?]$/;

/** For Twilio's status callback, which expects a 200 and ignores the body. */
export function emptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}
