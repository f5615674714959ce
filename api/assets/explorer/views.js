// Shared bits of the views: loading and error states.
import { h } from './dom.js';
import { t } from './i18n.js';

export function loading(text) {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text || t('loading'));
}

/** failure shows an error visibly, with a retry button when retry is given. */
export function failure(err, retry) {
  return h('div', { class: 'notice error', role: 'alert' },
    h('span', null, (err && err.message) || String(err)),
    retry ? h('button', { type: 'button', class: 'btn small', onclick: retry }, t('retry')) : null);
}
