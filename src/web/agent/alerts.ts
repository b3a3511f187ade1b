/**
 * Background alerts for new work: a desktop notification (only after the agent said yes), a short
 * chime made with Web Audio (no audio file to fetch), and a title that shows the count.
 */
const DISMISSED_KEY = 'switchboard.notifications.dismissed';

export function shouldOfferNotifications(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'default' && localStorage.getItem(DISMISSED_KEY) !== '1';
}

export function dismissNotificationOffer(): void {
  localStorage.setItem(DISMISSED_KEY, '1');
}

export async function askForNotifications(): Promise<NotificationPermission> {
  if (typeof Notification === 'undefined') return 'denied';
  return Notification.requestPermission();
}

export const isInBackground = () => document.visibilityState !== 'visible' || !document.hasFocus();

export function alertInBackground(title: string, body: string, tag: string, onClick: () => void): void {
  if (!isInBackground()) return;
  playChime();
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  }
}

let audio: AudioContext | null = null;

export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [[0, 880], [0.18, 1320]] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.17);
    }
  } catch {
    /* no audio device or autoplay refused: the notification and the title still tell */
  }
}
