import { XMLParser } from 'fast-xml-parser';

/** What a TwiML response tells Twilio to do, in order. Only the verbs the simulator shows are modelled. */
export type TwimlStep =
  | { verb: 'Say'; text: string }
  | { verb: 'Play'; url: string }
  | { verb: 'Pause' }
  | { verb: 'Gather'; action?: string; input?: string; steps: TwimlStep[] }
  | { verb: 'Dial'; action?: string; targets: DialTarget[] }
  | { verb: 'Hangup' }
  | { verb: 'Reject' }
  | { verb: 'Redirect'; url: string }
  | { verb: 'Other'; name: string };

export interface DialTarget {
  number: string;
  sendDigits?: string;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Keep "101" a string: digits and numbers are text in TwiML.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

const nameOf = (node: Node) => Object.keys(node).find((k) => k !== ':@') ?? '';
const childrenOf = (node: Node) => (node[nameOf(node)] as Node[] | undefined) ?? [];
const textOf = (node: Node): string =>
  childrenOf(node)
    .map((child) => (typeof child['#text'] === 'string' || typeof child['#text'] === 'number' ? String(child['#text']) : textOf(child)))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

function toSteps(nodes: Node[]): TwimlStep[] {
  const steps: TwimlStep[] = [];
  for (const node of nodes) {
    const verb = nameOf(node);
    const attrs = node[':@'] ?? {};
    switch (verb) {
      case '#text':
      case '':
        break;
      case 'Say':
        steps.push({ verb, text: textOf(node) });
        break;
      case 'Play':
        steps.push({ verb, url: textOf(node) });
        break;
      case 'Pause':
        steps.push({ verb });
        break;
      case 'Gather':
        steps.push({ verb, action: attrs.action, input: attrs.input, steps: toSteps(childrenOf(node)) });
        break;
      case 'Dial': {
        const targets = childrenOf(node)
          .filter((child) => ['Number', 'Sip', 'Client'].includes(nameOf(child)))
          .map((child) => ({ number: textOf(child), ...(child[':@']?.sendDigits ? { sendDigits: child[':@'].sendDigits } : {}) }));
        const direct = childrenOf(node).find((child) => '#text' in child);
        if (direct) targets.push({ number: String(direct['#text']).trim() });
        steps.push({ verb, action: attrs.action, targets });
        break;
      }
      case 'Hangup':
      case 'Reject':
        steps.push({ verb });
        break;
      case 'Redirect':
        steps.push({ verb, url: textOf(node) });
        break;
      default:
        steps.push({ verb: 'Other', name: verb });
    }
  }
  return steps;
}

/** Throws when the text is not a TwiML <Response>. */
export function parseTwiml(xml: string): TwimlStep[] {
  const document = parser.parse(xml) as Node[];
  const response = document.find((node) => nameOf(node) === 'Response');
  if (!response) throw new Error('the answer is not TwiML (no <Response> element)');
  return toSteps(childrenOf(response));
}

/** Everything the caller would hear, in order, including prompts inside <Gather>. */
export function spokenTexts(steps: TwimlStep[]): string[] {
  return steps.flatMap((step) => (step.verb === 'Say' ? [step.text] : step.verb === 'Gather' ? spokenTexts(step.steps) : []));
}
