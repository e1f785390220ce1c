// help.js: the "?" overlay listing the keyboard shortcuts.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { openDialog } from './dialog.js';

let open = null;

/**
 * openHelp(shortcuts): shortcuts is [{keys:['g','i'], labelKey}], already
 * filtered to what the user may reach. A second call while open does nothing.
 */
export function openHelp(shortcuts) {
  if (open) return open;
  const rows = [
    ...shortcuts.map((s) => ({ keys: s.keys, label: t(s.labelKey) })),
    { keys: ['?'], label: t('help.open') },
    { keys: ['Esc'], label: t('help.close') },
  ];
  const list = h(
    'dl',
    { class: 'shortcuts' },
    rows.map((r) => [
      h('dt', null, r.keys.map((k, i) => [i ? h('span', { class: 'key-then' }, t('help.then')) : null, h('kbd', null, k)])),
      h('dd', null, r.label),
    ]),
  );
  open = openDialog({
    title: t('help.title'),
    className: 'help-dialog',
    body: [h('p', { class: 'muted' }, t('help.intro')), list],
    onClose: () => {
      open = null;
    },
  });
  return open;
}

export function helpIsOpen() {
  return open !== null;
}
