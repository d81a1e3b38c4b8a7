import type { Random } from '../../../apps/router/src/guardrails/__fixtures__/synthetic-values.ts';

type Context = (value: string) => string;

const byKind: Record<string, Context[]> = {
  email: [
    (value) => `Hi, please send the invoice to ${value} instead of my old address.`,
    (value) => `From: "Support" <${value}>\nSubject: Re: ticket #48213`,
    (value) => `customer_email,plan,seats\n${value},team,12`,
    (value) => `Can you draft a polite follow-up to ${value} about the overdue report?`,
    (value) => `{"user": {"name": "A. Customer", "email": "${value}", "tier": "gold"}}`,
  ],
  phone: [
    (value) => `You can reach me on ${value} after 6pm.`,
    (value) => `Contact: Dr. Ruiz, phone ${value}, room 4.12`,
    (value) => `Caller ID ${value} left a voicemail about the delivery.`,
    (value) => `Emergency contact number: ${value}`,
    (value) => `name,phone\nM. Okafor,${value}`,
  ],
  'payment-card': [
    (value) => `Please charge the card ${value}, expiry 09/27, for the renewal.`,
    (value) => `My card number is ${value} — why was it declined?`,
    (value) => `payment_method: card ${value} (exp 11/26)`,
    (value) => `Refund to ${value} please, order was cancelled.`,
  ],
  iban: [
    (value) => `Please wire the deposit to IBAN ${value}, reference INV-2093.`,
    (value) => `Bankverbindung: ${value}, BIC COBADEFFXXX`,
    (value) => `beneficiary_iban=${value}`,
    (value) => `Can you check if ${value} is a valid account for SEPA transfers?`,
  ],
  'us-ssn': [
    (value) => `Applicant SSN: ${value}, DOB 04/12/1986`,
    (value) => `my social security number is ${value}, is it safe to put on the form?`,
    (value) => `employee_id,ssn\nE-2041,${value}`,
  ],
  ipv4: [
    (value) => `Suspicious login from ${value} at 03:12 UTC, user locked.`,
    (value) => `The customer says their home IP is ${value} and the firewall blocks it.`,
    (value) => `${value} - - [12/Mar/2024:10:02:11 +0000] "GET /account HTTP/1.1" 200 5120`,
  ],
  ipv6: [
    (value) => `Session started from ${value} (residential ISP).`,
    (value) => `blocked client ${value} after 20 failed attempts`,
  ],
};

/** One labelled text with the value in it, and where. */
export function piiInContext(random: Random, kind: string, value: string) {
  const text = random.pick(byKind[kind] ?? [(plain: string) => plain])(value);
  const start = text.indexOf(value);
  return { text, start, end: start + value.length };
}
