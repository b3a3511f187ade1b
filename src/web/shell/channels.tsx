import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { ChannelView } from '../../server/channels/view';

export type { ChannelView };
export type ChannelId = ChannelView['id'];
export type Channels = Record<ChannelId, ChannelView>;

// The registered channels do not change while the app runs: one request serves every screen.
let loading: Promise<Channels> | null = null;
function loadChannels(): Promise<Channels> {
  loading ??= api<{ items: ChannelView[] }>('GET', '/api/v1/channels').then(
    (answer) => Object.fromEntries(answer.items.map((c) => [c.id, c])) as Channels,
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** The channels and their capabilities, once loaded (null before). */
export function useChannels(): Channels | null {
  const [channels, setChannels] = useState<Channels | null>(null);
  useEffect(() => {
    let live = true;
    loadChannels().then((c) => live && setChannels(c), () => {});
    return () => {
      live = false;
    };
  }, []);
  return channels;
}

/** The channel's name as people read it. */
export function useChannelName(): (channel: string) => string {
  const { t } = useTranslation();
  return (channel) => t(`common.channels.${channel}`, { defaultValue: channel });
}

/** A small label naming the channel a conversation or workstream is on. */
export function ChannelBadge({ channel }: { channel: string }) {
  const name = useChannelName();
  return <span className={`channel-badge channel-${channel}`} data-channel={channel}>{name(channel)}</span>;
}
