// The order of the queue last shown, so "next ticket" in a ticket follows the queue the staff
// member was working.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface QueueOrder {
  ticketIds: string[];
  queuePath: string;
  remember: (ticketIds: string[], queuePath: string) => void;
}

const QueueOrderContext = createContext<QueueOrder>({ ticketIds: [], queuePath: '/queue/mine', remember: () => {} });

export function QueueOrderProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState({ ticketIds: [] as string[], queuePath: '/queue/mine' });
  const remember = useCallback((ticketIds: string[], queuePath: string) => setState({ ticketIds, queuePath }), []);
  const value = useMemo(() => ({ ...state, remember }), [state, remember]);
  return <QueueOrderContext.Provider value={value}>{children}</QueueOrderContext.Provider>;
}

export const useQueueOrder = () => useContext(QueueOrderContext);
