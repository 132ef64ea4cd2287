// The fields every form that writes starts with: the form token of this browser session (hidden;
// see formToken in ../access.ts) and, on a server with a token, the token itself. They come first
// so that an upload is accepted or refused before its file is read.
import { type SafeHtml, html } from './html.js';

export type WriteAccess = 'open' | 'token' | 'closed';

/** The hidden csrf field, and the token field when the server has a token (`id` names its input). */
export function writeFields(writes: WriteAccess, csrf: string, id: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${csrf}">${
    writes === 'token' ? html`<label for="${id}">Token</label><input id="${id}" name="token" type="password" autocomplete="current-password" required>` : ''
  }`;
}
