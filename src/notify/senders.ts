import { loadOnFirstUse } from '../load-on-first-use.js';
import { ERROR_TEXT_LENGTH_MAX } from './notify-limits.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

/** What the worker needs of a mail transport (a nodemailer transporter has it). */
export interface MailSender {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send if the server does not offer STARTTLS. */
  requireTls: boolean;
  user?: string;
  password?: string;
  from: string;
  connectionTimeoutMs: number;
}

/** nodemailer, loaded with the first e-mail sent. */
const mailLibrary = loadOnFirstUse(() => import('nodemailer'));

/** An SMTP sender; its transport is made when the first e-mail goes out. */
export function createSmtpSender(options: SmtpOptions): { sender: MailSender; from: string } {
  let transport: Promise<MailSender> | undefined;
  const sender: MailSender = {
    async sendMail(message) {
      transport ??= mailLibrary().then(({ default: nodemailer }) =>
        smtpTransport(nodemailer, options),
      );
      return (await transport).sendMail(message);
    },
  };
  return { sender, from: options.from };
}

type Nodemailer = Awaited<ReturnType<typeof mailLibrary>>['default'];

function smtpTransport(nodemailer: Nodemailer, options: SmtpOptions): MailSender {
  return nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    requireTLS: options.requireTls,
    connectionTimeout: options.connectionTimeoutMs,
    greetingTimeout: options.connectionTimeoutMs,
    socketTimeout: options.connectionTimeoutMs,
    ...(options.user === undefined
      ? {}
      : { auth: { user: options.user, pass: options.password ?? '' } }),
  });
}

export type SendOutcome =
  { ok: true; statusCode: number | null } | { ok: false; statusCode: number | null; error: string };

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, ERROR_TEXT_LENGTH_MAX);
}

/** POSTs one signed webhook; a 2xx answer within the timeout is a delivery, anything else a failure. */
export async function sendWebhook(
  fetchFn: typeof fetch,
  target: { url: string; secret: string },
  delivery: { eventId: string; eventType: string; body: string; attempt: number },
  timeoutMs: number,
): Promise<SendOutcome> {
  try {
    const response = await fetchFn(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(target.secret, delivery.body, Date.now()),
        'custos-event-id': delivery.eventId,
        'custos-event-type': delivery.eventType,
        'custos-delivery-attempt': String(delivery.attempt),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, statusCode: response.status };
    return { ok: false, statusCode: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: errorText(error) };
  }
}

export async function sendEmail(
  smtp: { sender: MailSender; from: string } | undefined,
  address: string,
  delivery: { eventId: string; eventType: string; body: string },
): Promise<SendOutcome> {
  if (smtp === undefined)
    return { ok: false, statusCode: null, error: 'no SMTP transport is configured' };
  try {
    await smtp.sender.sendMail({
      from: smtp.from,
      to: address,
      subject: `[Custos] ${delivery.eventType}`,
      text: `${JSON.stringify(JSON.parse(delivery.body), null, 2)}\n`,
      headers: { 'X-Custos-Event-Id': delivery.eventId },
    });
    return { ok: true, statusCode: null };
  } catch (error) {
    return { ok: false, statusCode: null, error: errorText(error) };
  }
}
