/** This leg's `t`: its catalogue (`messages.ts`) on top of the platform's. */
import { type PlatformMessageKey, translator } from '../platform/i18n';
import { en, zh } from './messages';

export type MessageKey = keyof typeof zh | PlatformMessageKey;
export const t = translator({ zh, en });
