// lang_switch.js: the Español / English choice, as a labelled group of toggle buttons.

import { h, uid } from '../dom.js';
import { LANGS, t } from '../i18n.js';

/** langSwitch({current, onPick(lang), className}) -> Element. */
export function langSwitch({ current, onPick, className }) {
  const labelId = uid('lang-label');
  const buttons = LANGS.map((lang) =>
    h(
      'button',
      {
        type: 'button',
        class: ['lang-option', lang === current ? 'is-current' : null],
        lang,
        'aria-pressed': lang === current ? 'true' : 'false',
        onclick: () => {
          if (lang !== current) onPick(lang);
        },
      },
      t(`lang.${lang}`),
    ),
  );
  return h('div', { class: ['lang-switch', className], role: 'group', 'aria-labelledby': labelId }, h('span', { id: labelId, class: 'lang-label' }, t('lang.label')), ...buttons);
}
