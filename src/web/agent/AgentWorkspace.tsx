import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMatch, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../shell/api';
import { useAuth, type Me } from '../shell/auth';
import { useNow } from '../shell/time';
import './agent.css';
import type { Conversation } from './types';
import { QueueNamesProvider, useQueueNames } from './queue-names';
import { isMine, isPickable, sortForList, customerLabel, matchesFilters, NO_FILTERS, type ListFilters } from './conversation-list';
import { useWorkspace, type ConsultInvite } from './useWorkspace';
import { ConsultNotices } from './ConsultNotices';
import { MyQuickReplies } from './MyQuickReplies';
import type { Offer } from './workspace-state';
import { TopBar } from './TopBar';
import { OfferStack } from './OfferStack';
import { ConversationList, type ListTab } from './ConversationList';
import { ACTION_SHORTCUTS, actionsFor, ConversationPane, type ConversationAction } from './ConversationPane';
import { CustomerPanel } from './CustomerPanel';
import { TransferDialog } from './TransferDialog';
import { ConsultDialog } from './ConsultDialog';
import { ShortcutsHelp, useShortcuts } from './shortcuts';
import type { ComposerHandle } from './Composer';
import { alertInBackground } from './alerts';
import { useLabelCatalogue } from './labels';
import type { WrapUpBody } from '../../server/conversations/schema';

const WIDE = 1200;

/** The agent workspace: presence and capacity, offers, the conversation list, the thread and the customer. */
export default function AgentWorkspace() {
  const { me, refresh } = useAuth();
  if (!me) return null;
  return (
    <QueueNamesProvider>
      <Workspace me={me} refreshMe={refresh} />
    </QueueNamesProvider>
  );
}

function Workspace({ me, refreshMe }: { me: Me; refreshMe(): Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const selectedId = useMatch('/agent/c/:id')?.params.id ?? null;
  const [tab, setTab] = useState<ListTab>('mine');
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const labels = useLabelCatalogue();
  // Opened from a search result: the thread shows the message that matched.
  const focusMessageId = useSearchParams()[0].get('m');
  const [customerShown, setCustomerShown] = useState(() => window.innerWidth >= WIDE);
  const [transferOpen, setTransferOpen] = useState(false);
  const [consultOpen, setConsultOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [repliesOpen, setRepliesOpen] = useState(false);
  const [loadError, setLoadError] = useState(false);
  const [consultInvites, setConsultInvites] = useState<ConsultInvite[]>([]);
  const composer = useRef<ComposerHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const now = useNow(30_000);
  const queueNames = useQueueNames();
  const open = useCallback((id: string, messageId?: string) => navigate(`/agent/c/${id}${messageId ? `?m=${encodeURIComponent(messageId)}` : ''}`), [navigate]);

  const ws = useWorkspace(me.id, selectedId, {
    onOffer: (offer) => {
      const name = offer.conversation ? customerLabel(offer.conversation) : t('agent.offers.customer');
      alertInBackground(t('agent.offers.title', { name }), offer.firstMessage ?? '', `offer-${offer.id}`, () => open(offer.conversationId));
    },
    onPresence: () => void refreshMe(),
    onConsultInvited: (invite) => {
      setConsultInvites((current) => [...current.filter((i) => i.conversation.id !== invite.conversation.id), invite]);
      const name = customerLabel(invite.conversation);
      alertInBackground(t('agent.consultNotice.text', { who: invite.invitedByName ?? t('agent.timeline.anotherAgent'), name }), '', `consult-${invite.conversation.id}`, () => open(invite.conversation.id));
    },
    onInbound: (message, conversation) => {
      if (conversation && isMine(conversation, me.id) && message.conversationId !== selectedId) {
        alertInBackground(t('agent.alerts.newMessage', { name: customerLabel(conversation) }), message.body, `message-${message.conversationId}`, () => open(message.conversationId));
      }
    },
  });
  const { state } = ws;
  const all = useMemo(() => Object.values(state.conversations), [state.conversations]);
  const mine = useMemo(() => sortForList(all.filter((c) => isMine(c, me.id) && matchesFilters(c, filters)), now), [all, me.id, now, filters]);
  const pickable = useMemo(() => sortForList(all.filter((c) => isPickable(c) && matchesFilters(c, filters)), now), [all, now, filters]);
  const selected = selectedId ? state.conversations[selectedId] : undefined;
  // An offer made by a transfer comes without its conversation: show the one we know.
  const offers = useMemo(() => state.offers.map((o) => ({ ...o, conversation: o.conversation ?? state.conversations[o.conversationId] ?? null })), [state.offers, state.conversations]);
  const offerFor = (id: string) => offers.find((o) => o.conversationId === id);

  useEffect(() => {
    if (!selectedId) return;
    setLoadError(false);
    ws.loadThread(selectedId).catch(() => setLoadError(true));
  }, [selectedId, ws.loadThread]);

  // Looking at a conversation marks it read, now and whenever the tab comes back into view.
  const unreadHere = selectedId ? state.unread[selectedId] ?? 0 : 0;
  useEffect(() => {
    if (!selectedId) return;
    const markIfVisible = () => document.visibilityState === 'visible' && ws.seen(selectedId);
    markIfVisible();
    document.addEventListener('visibilitychange', markIfVisible);
    return () => document.removeEventListener('visibilitychange', markIfVisible);
  }, [selectedId, unreadHere, ws.seen]);

  const waitingForMe = state.offers.length + Object.values(state.unread).reduce((a, b) => a + b, 0);
  useEffect(() => {
    document.title = waitingForMe > 0 ? `(${waitingForMe}) ${t('agent.title')}` : t('agent.title');
  }, [waitingForMe, t]);

  const dismissInvite = (invite: ConsultInvite) => setConsultInvites((current) => current.filter((i) => i !== invite));

  async function act(action: ConversationAction, wrapUp?: WrapUpBody) {
    if (!selected) return;
    const view = await api<Conversation>('POST', `/api/v1/conversations/${selected.id}/${action}`, wrapUp ? { body: wrapUp } : undefined);
    ws.dispatch({ type: 'conversation', conversation: view });
    void ws.loadTimeline(selected.id).catch(() => {});
    if (action === 'pick') setTab('mine');
  }

  async function accept(offer: Offer) {
    await api('POST', `/api/v1/conversations/${offer.conversationId}/accept`);
    ws.dispatch({ type: 'offer-gone', offerId: offer.id, conversationId: offer.conversationId });
    setTab('mine');
    open(offer.conversationId);
    await ws.loadThread(offer.conversationId);
  }

  async function reject(offer: Offer) {
    await api('POST', `/api/v1/conversations/${offer.conversationId}/reject`);
    ws.dispatch({ type: 'offer-gone', offerId: offer.id, conversationId: offer.conversationId });
  }

  function afterSend(messageId: string) {
    const id = selectedId;
    // The socket normally delivers the new message at once; if it did not, fetch the thread.
    setTimeout(() => {
      if (id && !ws.stateRef.current.messages[id]?.some((m) => m.id === messageId)) void ws.loadThread(id).catch(() => {});
    }, 1500);
  }

  const list = tab === 'mine' ? mine : tab === 'open' ? pickable : [];
  const step = (delta: number) => {
    if (list.length === 0) return;
    const index = list.findIndex((c) => c.id === selectedId);
    open(list[(index + delta + list.length) % list.length].id);
  };
  const allowed = selected ? actionsFor(selected, me) : [];
  // A shortcut presses the pane's own button: the same busy state, the same error shown.
  const press = (keys: string) => () => document.querySelector<HTMLButtonElement>(`.pane-actions button[aria-keyshortcuts="${keys}"]`)?.click();
  const when = (action: ConversationAction) => (allowed.includes(action) ? press(ACTION_SHORTCUTS[action]) : undefined);
  useShortcuts({
    next: () => step(1),
    previous: () => step(-1),
    search: () => searchRef.current?.focus(),
    composer: () => composer.current?.focus(),
    accept: () => state.offers[0] && void accept(state.offers[0]).catch(() => {}),
    pick: when('pick'),
    end: when('end'),
    wait: when('wait') ?? when('resume'),
    close: when('close'),
    transfer: allowed.length > 0 ? () => setTransferOpen(true) : undefined,
    consult: allowed.length > 0 && selected && (selected.state === 'active' || selected.state === 'waiting') ? () => setConsultOpen(true) : undefined,
    customer: () => setCustomerShown((v) => !v),
    help: () => setHelpOpen(true),
  });

  return (
    <div className={`agent-workspace${selectedId ? ' has-selection' : ''}${customerShown && selected ? ' with-customer' : ''}`}>
      <TopBar connected={ws.connected} capacity={ws.capacity} onShowShortcuts={() => setHelpOpen(true)} onShowQuickReplies={() => setRepliesOpen(true)} />
      <OfferStack offers={offers} queueNames={queueNames} onAccept={accept} onReject={reject} />
      <ConsultNotices
        invites={consultInvites}
        onOpen={(invite) => {
          dismissInvite(invite);
          setTab('mine');
          open(invite.conversation.id);
        }}
        onDismiss={dismissInvite}
      />
      <div className="agent-main">
        <ConversationList myId={me.id} tab={tab} onTab={setTab} mine={mine} open={pickable} unread={state.unread} latest={state.conversations} selectedId={selectedId} onSelect={open} searchRef={searchRef} filters={filters} onFilters={setFilters} labels={labels} />
        {selected ? (
          <ConversationPane
            me={me}
            conversation={selected}
            messages={state.messages[selected.id]}
            focusMessageId={focusMessageId}
            timeline={state.timelines[selected.id] ?? []}
            offer={offerFor(selected.id)}
            composer={composer}
            onAction={act}
            labels={labels}
            onAcceptOffer={accept}
            onRejectOffer={reject}
            onTransfer={() => setTransferOpen(true)}
            onConsult={() => setConsultOpen(true)}
            onSent={afterSend}
            onRefresh={() => void ws.loadConversation(selected.id).catch(() => {})}
            onNoteAdded={() => void ws.loadTimeline(selected.id).catch(() => {})}
            onToggleCustomer={() => setCustomerShown((v) => !v)}
            customerShown={customerShown}
            onBack={() => navigate('/agent')}
          />
        ) : (
          <section className="conversation-pane empty" aria-label={t('agent.pane.none')}>
            <p className="muted" role={loadError ? 'alert' : undefined}>{loadError ? t('agent.pane.notFound') : t('agent.pane.none')}</p>
            <button type="button" className="link" onClick={() => navigate('/agent')} hidden={!loadError}>{t('agent.pane.back')}</button>
          </section>
        )}
        {selected && customerShown && (
          <CustomerPanel conversation={selected} timeline={state.timelines[selected.id] ?? []} myId={me.id} onCustomerChanged={() => void ws.loadConversation(selected.id).catch(() => {})} onClose={() => setCustomerShown(false)} />
        )}
      </div>
      {transferOpen && selected && (
        <TransferDialog
          conversationId={selected.id}
          myId={me.id}
          onCancel={() => setTransferOpen(false)}
          onDone={(view) => {
            setTransferOpen(false);
            ws.dispatch({ type: 'conversation', conversation: view });
            // Handed over: back to the list (the conversation may no longer be ours to see).
            if (view.assignedAgentId !== me.id) navigate('/agent');
          }}
        />
      )}
      {consultOpen && selected && (
        <ConsultDialog conversationId={selected.id} myId={me.id} assigneeId={selected.assignedAgentId} onClose={() => setConsultOpen(false)} />
      )}
      {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
      {repliesOpen && <MyQuickReplies onClose={() => setRepliesOpen(false)} />}
    </div>
  );
}
