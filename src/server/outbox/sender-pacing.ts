import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { AppContext } from '../context.js';

/**
 * WhatsApp caps each sender's throughput (80 messages/s by default). One process at a time sends
 * for a sender: it holds the sender's lease (table sender_leases) and paces the sender alone, over
 * a sliding window of its own last sends. A timer that fires late delays sends but never crowds
 * more than the cap into one second, and no other process can send for the sender meanwhile: the
 * others' workers leave its outbox entries alone until the lease has run out. Leases run on the
 * app's clock (`clock`, ctx.now), as claims do.
 */
export type SenderPacing = {
  /** Identifies this process's worker in sender_leases. */
  owner: string;
  /**
   * Leases the senders of these sends and queues the sends of the senders leased; `turns` settle
   * when each may go, in the order given for each recipient, with the function to call once the
   * send has Twilio's answer. `elsewhere`: the sends whose sender another process holds.
   */
  enqueue(db: Executor, sends: PacedSend[]): Promise<{ turns: Map<string, Promise<Answered>>; elsewhere: string[] }>;
  /**
   * The process stops sending: the queued sends' turns fail with TurnWithdrawn (their claims go back),
   * and once the sends already made have their answers, `handBack` ends this process's leases a window
   * after its last send and forgets its worker, so the other processes take its senders at once.
   */
  withdraw(): void;
  handBack(db: Executor): Promise<void>;
  /** Sends go only while `fresh` says so (the worker's heartbeat is recent); otherwise the queued ones are withdrawn. */
  fenceWith(fresh: () => boolean): void;
};

/** `recipient`: a customer's messages from one sender go one at a time, so Twilio queues them in order. */
export type PacedSend = { messageId: string; numberId: string; perSecond: number; recipient: string };
/**
 * Tells the pacing a send has its answer: the recipient's next message may go. `unsent`: its outcome
 * is unknown or it must wait for a retry, so the recipient's queued sends are withdrawn, not to overtake it.
 */
export type Answered = (unsent?: 'unsent') => void;

/** The cap holds over windows this long: a little over a second, as a request leaves a moment after its release. */
export const WINDOW_MS = 1020;
/** A lease outlasts its holder's expected last send by a full window and a second of being late. */
export const HANDOVER_MS = WINDOW_MS + 1000;

/** Even spacing that never meets the window's limit: the cap per WINDOW_MS (about 2 % under the cap per second). */
const gapOf = (cap: number) => WINDOW_MS / cap;

/** A sender's recent sends (performance.now() times, oldest first) and when its next send is due on an even pace. */
export type SendHistory = { recent: number[]; due: number };

/**
 * When a sender's next send may go: on its even pace (a gap after the last one was due), never
 * more than `cap` within any window, and at least half a gap after the one before, so a sender a
 * busy event loop held back catches up at twice its rate, as far as the window allows, not in a burst.
 */
export function nextSendAt(history: SendHistory, cap: number): number {
  const { recent, due } = history;
  const last = recent.at(-1) ?? Number.NEGATIVE_INFINITY;
  const windowFullUntil = recent.length >= cap ? recent[recent.length - cap] + WINDOW_MS : Number.NEGATIVE_INFINITY;
  return Math.max(due, last + gapOf(cap) / 2, windowFullUntil);
}

/** Notes a send at `now`: the window moves on, and the pace keeps its schedule (it does not drift with late sends). */
export function recordSend(history: SendHistory, cap: number, now: number): void {
  history.recent.push(now);
  if (history.recent.length > cap) history.recent.shift();
  history.due += gapOf(cap);
}

const capOf = (perSecond: number) => Math.max(1, Math.floor(perSecond));

type Waiter = { recipient: string; go: (answered: Answered) => void; fail: (err: unknown) => void };
/**
 * One sender as this process sends it: its queued sends, the recipients with a send awaiting
 * Twilio's answer, its last sends' times, and when its lease ends (ms on the app's clock).
 */
type Lane = { numberId: string; cap: number; waiting: Waiter[]; awaitingAnswer: Set<string>; history: SendHistory; leaseEnds: number; pumping: boolean };

/** A queued send that will not be made by this process: its claim goes back, and the message is due at once. */
export class TurnWithdrawn extends Error {}

export class SenderLeaseLost extends TurnWithdrawn {
  constructor(numberId: string) {
    super(`another process took over sender ${numberId} while this one still had its messages queued`);
  }
}

export function createSenderPacing(clock: () => Date, owner: string = randomUUID()): SenderPacing {
  const lanes = new Map<string, Lane>();
  let withdrawn = false;
  let fresh = () => true;
  const laneOf = (numberId: string, perSecond: number) => {
    const lane = lanes.get(numberId) ?? { numberId, cap: 1, waiting: [], awaitingAnswer: new Set(), history: { recent: [], due: 0 }, leaseEnds: Number.NEGATIVE_INFINITY, pumping: false };
    lane.cap = capOf(perSecond);
    lanes.set(numberId, lane);
    return lane;
  };
  /** How long a lane needs to send what it has queued plus `more`. */
  const busyMs = (lane: Lane, more: number) => (lane.waiting.length + more) * gapOf(lane.cap);

  /** Takes or extends the leases; answers the senders now held and sets their lanes' lease ends. */
  async function lease(db: Executor, wanted: Array<{ lane: Lane; busyMs: number }>): Promise<Set<string>> {
    const ids = wanted.map((w) => w.lane.numberId);
    const leaseMs = wanted.map((w) => w.busyMs + HANDOVER_MS);
    const now = clock();
    const result = await sql<{ number_id: string }>`
      WITH wanted AS (SELECT * FROM unnest(${ids}::uuid[], ${leaseMs}::float8[]) AS w(number_id, lease_ms))
      INSERT INTO sender_leases AS l (number_id, owner, leased_until)
      SELECT number_id, ${owner}::uuid, ${now}::timestamptz + lease_ms * interval '1 millisecond' FROM wanted
      ON CONFLICT (number_id) DO UPDATE SET owner = excluded.owner, leased_until = excluded.leased_until
        WHERE l.owner = excluded.owner OR l.leased_until < ${now}
      RETURNING l.number_id`.execute(db);
    const held = new Set(result.rows.map((r) => r.number_id));
    wanted.forEach((w, i) => {
      if (held.has(w.lane.numberId)) w.lane.leaseEnds = now.getTime() + leaseMs[i];
    });
    return held;
  }

  /** The first queued send whose recipient has no send awaiting its answer. */
  const nextReady = (lane: Lane) => lane.waiting.findIndex((w) => !lane.awaitingAnswer.has(w.recipient));

  /**
   * Releases a lane's sends as its window allows, extending the lease when the sends run late. It
   * stops when every queued send waits for its recipient's previous answer; an answer restarts it.
   */
  async function pump(db: Executor, lane: Lane): Promise<void> {
    if (lane.pumping) return;
    lane.pumping = true;
    // A sender that stopped starts a new pace now; one still sending keeps its schedule.
    lane.history.due = Math.max(lane.history.due, performance.now());
    try {
      for (let next = nextReady(lane); next >= 0; next = nextReady(lane)) {
        const now = performance.now();
        const at = nextSendAt(lane.history, lane.cap);
        if (at > now) {
          await sleep(at - now);
          continue;
        }
        if (withdrawn) throw new TurnWithdrawn('this process is shutting down');
        if (!fresh()) {
          // The others may already count this process gone and have ended its leases.
          for (const other of lanes.values()) other.leaseEnds = Number.NEGATIVE_INFINITY;
          throw new TurnWithdrawn('this process could not tell the others it is alive');
        }
        // A successor must find this send a whole window old.
        if (clock().getTime() + WINDOW_MS > lane.leaseEnds) {
          if (!(await lease(db, [{ lane, busyMs: busyMs(lane, 0) }])).has(lane.numberId)) throw new SenderLeaseLost(lane.numberId);
          continue;
        }
        recordSend(lane.history, lane.cap, now);
        const [send] = lane.waiting.splice(next, 1);
        lane.awaitingAnswer.add(send.recipient);
        send.go((unsent) => {
          lane.awaitingAnswer.delete(send.recipient);
          if (unsent) {
            const behind = new TurnWithdrawn(`an earlier message to ${send.recipient} must go first`);
            for (const w of lane.waiting.filter((x) => x.recipient === send.recipient)) {
              lane.waiting.splice(lane.waiting.indexOf(w), 1);
              w.fail(behind);
            }
          }
          if (lane.waiting.length) void pump(db, lane);
        });
      }
    } catch (err) {
      // Lost: these sends give their claims back (see dispatch). Database unreachable: their claims expire and are retried.
      for (const w of lane.waiting.splice(0)) w.fail(err);
    } finally {
      lane.pumping = false;
    }
  }

  return {
    owner,
    async enqueue(db, sends) {
      const turns = new Map<string, Promise<Answered>>();
      if (sends.length === 0) return { turns, elsewhere: [] };
      const added = new Map<Lane, number>();
      for (const send of sends) {
        const lane = laneOf(send.numberId, send.perSecond);
        added.set(lane, (added.get(lane) ?? 0) + 1);
      }
      const held = await lease(db, [...added].map(([lane, more]) => ({ lane, busyMs: busyMs(lane, more) })));
      const elsewhere: string[] = [];
      for (const send of sends) {
        if (!held.has(send.numberId)) {
          elsewhere.push(send.messageId);
          continue;
        }
        const lane = lanes.get(send.numberId)!;
        const turn = new Promise<Answered>((go, fail) => lane.waiting.push({ recipient: send.recipient, go, fail }));
        turn.catch(() => {}); // handled by whoever awaits the turn
        turns.set(send.messageId, turn);
      }
      for (const lane of added.keys()) if (held.has(lane.numberId)) void pump(db, lane);
      return { turns, elsewhere };
    },
    fenceWith(check) {
      fresh = check;
    },
    withdraw() {
      withdrawn = true;
      const err = new TurnWithdrawn('this process is shutting down');
      for (const lane of lanes.values()) for (const w of lane.waiting.splice(0)) w.fail(err);
    },
    async handBack(db) {
      await sql`
        WITH leases AS (
          UPDATE sender_leases SET leased_until = least(leased_until, ${clock()}::timestamptz + ${WINDOW_MS} * interval '1 millisecond')
          WHERE owner = ${owner}::uuid
        )
        DELETE FROM outbox_workers WHERE owner = ${owner}::uuid`.execute(db);
    },
  };
}

const pacingOfProcess = new WeakMap<AppContext, SenderPacing>();

/** The process's one pacing: every outbox pass of a process shares its leases and windows. */
export function senderPacingOf(ctx: AppContext): SenderPacing {
  let pacing = pacingOfProcess.get(ctx);
  if (!pacing) pacingOfProcess.set(ctx, (pacing = createSenderPacing(() => ctx.now())));
  return pacing;
}
