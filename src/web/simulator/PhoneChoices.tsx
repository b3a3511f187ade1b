import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhoneChoice, PhoneChoices as Choices } from './types';

type Props = { choices: Choices; onChoose(choice: PhoneChoice): void };

/**
 * What WhatsApp lets the customer tap under a business message: quick-reply buttons, or a button
 * that opens a list. A tap answers with the option's title and id, as WhatsApp does.
 */
export function PhoneChoices({ choices, onChoose }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (choices.kind === 'quick-reply') {
    return (
      <div className="phone-choices" role="group" aria-label={t('simulator.quickReplies')}>
        {choices.options.map((o) => (
          <button key={o.id} type="button" onClick={() => onChoose(o)}>{o.title}</button>
        ))}
      </div>
    );
  }
  return (
    <div className="phone-choices">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>☰ {choices.menuLabel}</button>
      {open && (
        <ul className="phone-list" aria-label={t('simulator.listOptions')}>
          {choices.options.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  onChoose(o);
                }}
              >
                {o.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
