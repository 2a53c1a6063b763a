// A report being written survives a reload or a lost connection: it is kept in localStorage until
// the desk confirms it. Its idempotency key is part of the draft, so every retry of one report,
// even after a reload, is recognised by the API as the same report.
export interface ReportDraft {
  categoryId: string;
  title: string;
  description: string;
  /** "" when the student did not say. */
  expectedResolutionHours: string;
  desiredOutcome: string;
  contactName: string;
  contactEmail: string;
  studentNumber: string;
  idempotencyKey: string;
  /** Sent with no connection: it goes by itself when the connection is back (offline.ts). */
  waitingToSend: boolean;
}

export type DraftOwner = 'guest' | `user:${string}`;

const key = (owner: DraftOwner) => `studentdesk.report-draft.${owner}`;

/** 128 random bits; getRandomValues works on plain http too, where randomUUID does not. */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function newDraft(): ReportDraft {
  return {
    categoryId: '',
    title: '',
    description: '',
    expectedResolutionHours: '',
    desiredOutcome: '',
    contactName: '',
    contactEmail: '',
    studentNumber: '',
    idempotencyKey: newIdempotencyKey(),
    waitingToSend: false,
  };
}

export function loadDraft(owner: DraftOwner, storage: Storage = localStorage): ReportDraft {
  try {
    const saved = JSON.parse(storage.getItem(key(owner)) ?? 'null') as Partial<ReportDraft> | null;
    if (saved && typeof saved.idempotencyKey === 'string') return { ...newDraft(), ...saved };
  } catch {
    // A damaged draft is dropped; the student starts afresh.
  }
  return newDraft();
}

export function saveDraft(owner: DraftOwner, draft: ReportDraft, storage: Storage = localStorage): void {
  storage.setItem(key(owner), JSON.stringify(draft));
}

export function discardDraft(owner: DraftOwner, storage: Storage = localStorage): void {
  storage.removeItem(key(owner));
}
