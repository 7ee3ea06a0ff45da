/**
 * The texts of the account e-mails, in the reader's language. None of them says more than the
 * mailbox owner may know; links carry the token in the fragment (#…), which browsers never send
 * to a server, so it stays out of access logs and Referer headers.
 */
import type { Locale } from './users';

export interface MailText {
  subject: string;
  body: string;
}

export function confirmRegistrationMail(locale: Locale, link: string, hours: number): MailText {
  return locale === 'en'
    ? {
        subject: 'Confirm your address to finish creating your account',
        body: `Someone (we hope you) registered an account with this e-mail address. To finish creating it, open this link within ${hours} hours and press "Create my account" on the page:\n\n${link}\n\nIf it was not you, ignore this e-mail: no account is created.`,
      }
    : {
        subject: '請確認電子郵件地址，完成建立帳號',
        body: `有人（希望是您）以這個電子郵件地址申請帳號。請在 ${hours} 小時內開啟下列連結，並在頁面上按「建立帳號」完成申請：\n\n${link}\n\n如果不是您本人申請，請忽略這封信，帳號不會建立。`,
      };
}

export function alreadyRegisteredMail(locale: Locale, base: string): MailText {
  return locale === 'en'
    ? {
        subject: 'Someone tried to register with your address',
        body: `Someone tried to register a new account with this e-mail address, which has an account already. No new account was created.\n\nIf it was you, sign in: ${base}/login\nForgot your password? Reset it: ${base}/forgot-password\n\nIf it was not you, ignore this e-mail; your account is unchanged.`,
      }
    : {
        subject: '有人以您的電子郵件地址申請帳號',
        body: `有人以這個電子郵件地址申請新帳號，但這個地址已經有帳號，因此沒有建立新帳號。\n\n如果是您本人，請直接登入：${base}/login\n忘記密碼？請重設密碼：${base}/forgot-password\n\n如果不是您本人，請忽略這封信，您的帳號沒有任何改變。`,
      };
}

export function passwordResetMail(locale: Locale, link: string, hours: number): MailText {
  return locale === 'en'
    ? {
        subject: 'Reset your password',
        body: `Someone (we hope you) asked to reset the password of your account. Open this link within ${hours} hours and choose a new password:\n\n${link}\n\nSetting it signs out every browser and revokes the API tokens of the account. If you did not ask for this, ignore this e-mail; your password is unchanged.`,
      }
    : {
        subject: '重設您的密碼',
        body: `有人（希望是您）申請重設您帳號的密碼。請在 ${hours} 小時內開啟下列連結並設定新密碼：\n\n${link}\n\n設定新密碼後，所有已登入的瀏覽器都會登出，帳號的 API 權杖也會失效。如果不是您本人申請，請忽略這封信，您的密碼不會改變。`,
      };
}
