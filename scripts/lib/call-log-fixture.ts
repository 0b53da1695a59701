import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { CallRecord } from '../../src/store/index.js';

const OUTCOMES = ['goodbye', 'transferred', 'message', 'hangup'];
const ASKED = ['Do you have milk?', 'What time do you close?', 'How much is the peanut butter?', 'Where are you located?', 'Can I talk to someone in the pharmacy?', 'Do you have live bait?'];

/**
 * `count` past calls spread evenly over the last `days` days, written as the JSON adapter
 * keeps them (one JSON line per part in monthly `calls-YYYY-MM.jsonl` files); a third of the
 * calls in two parts, as a call transferred and then closed by Twilio's status callback is.
 * Writing the files directly takes seconds where 200,000 appends, each synced, take minutes.
 */
export async function writeCallHistory(dataDir: string, count: number, days: number, now = new Date()): Promise<void> {
  const span = days * 86_400_000;
  const files = new Map<string, ReturnType<typeof createWriteStream>>();
  const write = (at: Date, record: CallRecord) => {
    const name = `calls-${at.toISOString().slice(0, 7)}.jsonl`;
    let file = files.get(name);
    if (!file) files.set(name, (file = createWriteStream(path.join(dataDir, name), { flags: 'a' })));
    return file.write(`${JSON.stringify(record)}\n`) ? undefined : new Promise<void>((resolve) => file.once('drain', () => resolve()));
  };
  for (let i = 0; i < count; i++) {
    const started = new Date(now.getTime() - span + Math.floor((i * span) / count));
    const ended = new Date(started.getTime() + 40_000 + (i % 7) * 10_000);
    const asked = ASKED[i % ASKED.length];
    const unmet = asked === 'Do you have live bait?';
    const callSid = `CAhistory${String(i).padStart(7, '0')}`;
    const turn = { at: started.toISOString(), heard: asked, intent: unmet ? 'not_found' : 'product', said: unmet ? 'Sorry, I could not find live bait.' : 'Yes, we have it.', ...(unmet ? { unmet: true } : {}) };
    const call: CallRecord = { callSid, from: `+1555${String(i % 10_000_000).padStart(7, '0')}`, to: '+15550001111', startedAt: started.toISOString(), turns: [turn], unmetRequests: unmet ? [asked] : [] };
    const end = { endedAt: ended.toISOString(), status: 'completed', durationSeconds: Math.round((ended.getTime() - started.getTime()) / 1000), outcome: OUTCOMES[i % OUTCOMES.length] };
    if (i % 3 === 0) {
      await write(started, call);
      await write(ended, { callSid, turns: [], unmetRequests: [], ...end });
    } else {
      await write(ended, { ...call, ...end });
    }
  }
  await Promise.all([...files.values()].map((file) => new Promise<void>((resolve) => file.end(() => resolve()))));
}
