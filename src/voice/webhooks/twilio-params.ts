import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { summariseDetails, zodDetails } from '../../shared/zod-details.js';

/**
 * The parameters we use from Twilio's voice webhooks (it sends twenty more; they are not
 * copied). Numbers arrive as text; an unreadable Confidence or CallDuration is dropped, not fatal.
 */
export const TwilioParamsSchema = z.object({
  CallSid: z.string({ message: 'is required' }).trim().min(1, 'is required').max(64, 'must be at most 64 characters'),
  From: z.string().max(64).optional().catch(undefined),
  To: z.string().max(64).optional().catch(undefined),
  SpeechResult: z.string().max(2000).optional().catch(undefined),
  Confidence: z.coerce.number().min(0).max(1).optional().catch(undefined),
  Digits: z.string().max(32).optional().catch(undefined),
  DialCallStatus: z.string().max(32).optional().catch(undefined),
  CallStatus: z.string().max(32).optional().catch(undefined),
  CallDuration: z.coerce.number().int().nonnegative().optional().catch(undefined),
});
export type TwilioParams = z.infer<typeof TwilioParamsSchema>;

export function parseTwilioParams(raw: unknown): TwilioParams {
  const result = TwilioParamsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const details = zodDetails(result.error);
    throw new AppError('invalid_twilio_request', `Not a Twilio voice request: ${summariseDetails(details)}`, 400, details);
  }
  return result.data;
}
