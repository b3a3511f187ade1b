import { useTranslation } from 'react-i18next';
import type { ConsultInvite } from './useWorkspace';
import { customerLabel } from './conversation-list';

type Props = { invites: ConsultInvite[]; onOpen(invite: ConsultInvite): void; onDismiss(invite: ConsultInvite): void };

/** A colleague asked for help: who asked, about which customer, and a way to open the conversation. */
export function ConsultNotices({ invites, onOpen, onDismiss }: Props) {
  const { t } = useTranslation();
  if (invites.length === 0) return null;
  return (
    <section className="consult-notices" aria-label={t('agent.consultNotice.region')} aria-live="polite">
      {invites.map((invite) => {
        const name = customerLabel(invite.conversation);
        return (
          <p key={invite.conversation.id} className="consult-notice" role="status">
            <span>{t('agent.consultNotice.text', { who: invite.invitedByName ?? t('agent.timeline.anotherAgent'), name })}</span>
            <button type="button" className="primary" onClick={() => onOpen(invite)}>{t('agent.consultNotice.open')}</button>
            <button type="button" onClick={() => onDismiss(invite)} aria-label={t('agent.consultNotice.dismiss', { name })}>✕</button>
          </p>
        );
      })}
    </section>
  );
}
