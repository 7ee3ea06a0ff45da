/** A minimal RFC 5322 message with UTF-8 subject (RFC 2047) and base64 body, for send_email. */
import { utf8ToBase64 as b64utf8 } from '../base64';

export function mimeMessage(m: { from: string; to: string; subject: string; body: string; id: number }): string {
  const body = b64utf8(m.body).replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: =?UTF-8?B?${b64utf8(m.subject)}?=`,
    `Message-ID: <notification-${m.id}@${m.from.split('@')[1] ?? 'localhost'}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}
