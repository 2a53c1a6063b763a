// Colleagues on the same ticket, live: "Priya Raman is typing…". This console announces that its
// agent views the ticket (again before it lapses), types (at most every few seconds) and leaves;
// it shows each colleague until their announcement lapses (the API says how long: expiresAt - at,
// counted here from when it arrived, so a browser whose clock is off still gets it right).
import { useMutation, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphql } from '../gql';
import type { PresenceActivity } from '../gql/graphql';
import { useClock } from '../lib/time';

const ANNOUNCE = graphql(`
  mutation AnnouncePresence($ticketId: ID!, $activity: PresenceActivity!) {
    announcePresence(ticketId: $ticketId, activity: $activity)
  }
`);

const PRESENCE = graphql(`
  subscription TicketPresence($ticketId: ID!) {
    ticketPresence(ticketId: $ticketId) {
      user {
        id
        name
      }
      activity
      at
      expiresAt
    }
  }
`);

/** VIEWING lapses after 45 s unheard: repeated well within that. */
const VIEWING_EVERY_MS = 15_000;
/** TYPING lapses after 8 s: one announcement per burst of keys is enough. */
const TYPING_EVERY_MS = 3_000;

interface Colleague {
  name: string;
  activity: PresenceActivity;
  expiresAt: number;
}

/** Announces this agent on the ticket; returns what to call as they type. */
export function useAnnouncePresence(ticketId: string): () => void {
  const [announce] = useMutation(ANNOUNCE);
  const lastTyping = useRef(0);
  useEffect(() => {
    const viewing = () => void announce({ variables: { ticketId, activity: 'VIEWING' } }).catch(() => {});
    viewing();
    const timer = setInterval(viewing, VIEWING_EVERY_MS);
    return () => {
      clearInterval(timer);
      void announce({ variables: { ticketId, activity: 'LEFT' } }).catch(() => {});
    };
  }, [announce, ticketId]);
  return useCallback(() => {
    if (Date.now() - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = Date.now();
    void announce({ variables: { ticketId, activity: 'TYPING' } }).catch(() => {});
  }, [announce, ticketId]);
}

function inWords(colleagues: Colleague[]): string {
  const typing = colleagues.filter((colleague) => colleague.activity === 'TYPING').map((colleague) => colleague.name);
  const viewing = colleagues.filter((colleague) => colleague.activity === 'VIEWING').map((colleague) => colleague.name);
  const list = (names: string[]) => (names.length < 3 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
  return [
    typing.length > 0 && `${list(typing)} ${typing.length === 1 ? 'is' : 'are'} typing…`,
    viewing.length > 0 && `${list(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing this ticket.`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Who else is on the ticket, said politely to screen readers as it changes. */
export function TicketPresenceLine({ ticketId }: { ticketId: string }) {
  const [colleagues, setColleagues] = useState<Map<string, Colleague>>(new Map());
  const now = useClock(1_000);
  useSubscription(PRESENCE, {
    variables: { ticketId },
    onData: ({ data }) => {
      const presence = data.data?.ticketPresence;
      if (!presence) return;
      setColleagues((current) => {
        const next = new Map(current);
        if (presence.activity === 'LEFT' || !presence.expiresAt) next.delete(presence.user.id);
        else {
          const lasts = Date.parse(presence.expiresAt) - Date.parse(presence.at);
          next.set(presence.user.id, { name: presence.user.name, activity: presence.activity, expiresAt: Date.now() + lasts });
        }
        return next;
      });
    },
  });
  const present = [...colleagues.values()].filter((colleague) => colleague.expiresAt > now);
  return (
    <p className="presence" role="status" aria-live="polite">
      {inWords(present)}
    </p>
  );
}
